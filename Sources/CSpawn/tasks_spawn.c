#define _GNU_SOURCE
#include "tasks_spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <spawn.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef __linux__
/// vfork + exec: the child borrows the parent's memory and stack until it execs, so there is no
/// stack to map and unmap and no file-action objects to validate (glibc's posix_spawn does both,
/// about 10 system calls per task here, and queries all 64 signal dispositions in the child).
/// Between vfork and exec the child makes only system calls, with every signal blocked until the
/// dispositions the executor changed are back to their defaults.
int tasks_spawn(const char *cwd, char *const argv[], char *const envp[], int in_fd, int out_fd, pid_t *pid) {
    static const int defaults[] = {SIGCHLD, SIGINT, SIGTERM, SIGPIPE};
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    volatile int child_error = 0;
    pid_t p = vfork();
    if (p == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = SIG_DFL;
        for (size_t k = 0; k < sizeof defaults / sizeof defaults[0]; k++) sigaction(defaults[k], &sa, NULL);
        int rc = setpgid(0, 0);
        int in = in_fd >= 0 ? in_fd : open("/dev/null", O_RDONLY);
        if (rc == 0) rc = in < 0 ? -1 : dup2(in, 0);
        if (rc >= 0 && out_fd >= 0) rc = dup2(out_fd, 1);
        if (rc >= 0 && out_fd >= 0) rc = dup2(out_fd, 2);
        if (rc >= 0 && cwd != NULL) rc = chdir(cwd);
        if (rc >= 0) {
            sigset_t none;
            sigemptyset(&none);
            sigprocmask(SIG_SETMASK, &none, NULL);
            execve(argv[0], argv, envp);
        }
        child_error = errno;
        _exit(127);
    }
    int fork_error = errno;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (p < 0) return fork_error;
    if (child_error != 0) {
        // The child got no further than exec: reap it and report why, as posix_spawn does.
        int status;
        while (waitpid(p, &status, 0) < 0 && errno == EINTR) {}
        return child_error;
    }
    *pid = p;
    return 0;
}
#else
int tasks_spawn(const char *cwd, char *const argv[], char *const envp[], int in_fd, int out_fd, pid_t *pid) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    int rc = posix_spawn_file_actions_init(&actions);
    if (rc != 0) return rc;
    rc = posix_spawnattr_init(&attr);
    if (rc != 0) { posix_spawn_file_actions_destroy(&actions); return rc; }

    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGCHLD);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
#ifdef POSIX_SPAWN_USEVFORK
                             | POSIX_SPAWN_USEVFORK
#endif
    );
    if (in_fd >= 0) posix_spawn_file_actions_adddup2(&actions, in_fd, 0);
    else posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    if (out_fd >= 0) {
        posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
        posix_spawn_file_actions_adddup2(&actions, out_fd, 2);
    }
    if (cwd != NULL) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 29))
        posix_spawn_file_actions_addchdir_np(&actions, cwd);
#elif defined(__APPLE__)
        posix_spawn_file_actions_addchdir_np(&actions, cwd);
#endif
    }
    rc = posix_spawn(pid, argv[0], &actions, &attr, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    return rc;
}
#endif

static int pipe_fds[2] = {-1, -1};

static void on_signal(int sig) {
    int saved = errno;
    unsigned char b = (unsigned char)sig;
    ssize_t ignored = write(pipe_fds[1], &b, 1);
    (void)ignored;
    errno = saved;
}

int tasks_signal_pipe(int with_sigchld) {
    if (pipe_fds[0] >= 0) return pipe_fds[0];
    int fds[2];
    if (pipe(fds) != 0) return -1;
    for (int i = 0; i < 2; i++) {
        fcntl(fds[i], F_SETFD, FD_CLOEXEC);
        fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
    }
    pipe_fds[0] = fds[0];
    pipe_fds[1] = fds[1];
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    if (with_sigchld) sigaction(SIGCHLD, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    // A parent may have started us with these blocked (a runtime's worker thread spawning us);
    // the handlers must see them.
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGINT);
    sigaddset(&wanted, SIGTERM);
    if (with_sigchld) sigaddset(&wanted, SIGCHLD);
    pthread_sigmask(SIG_UNBLOCK, &wanted, NULL);
    return pipe_fds[0];
}

int tasks_pidfd(pid_t pid) {
#if defined(__linux__) && defined(SYS_pidfd_open)
    // pidfd_open sets close-on-exec itself.
    return (int)syscall(SYS_pidfd_open, pid, 0);
#else
    (void)pid;
    return -1;
#endif
}

static int decode(pid_t r, int status, int *code, int *signaled) {
    if (r == 0) return 0;
    if (r < 0) return -1;
    if (WIFEXITED(status)) { *code = WEXITSTATUS(status); *signaled = 0; }
    else if (WIFSIGNALED(status)) { *code = 128 + WTERMSIG(status); *signaled = 1; }
    else return 0;
    return 1;
}

int tasks_reap(pid_t pid, int *code, int *signaled) {
    int status = 0;
    pid_t r;
    do { r = waitpid(pid, &status, WNOHANG); } while (r < 0 && errno == EINTR);
    return decode(r, status, code, signaled);
}

int tasks_output_pipe(int fds[2]) {
#ifdef __linux__
    // Both ends non-blocking in one call, then the write end (the child's stdout) back to blocking.
    if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) return -1;
    fcntl(fds[1], F_SETFL, 0);
    return 0;
#else
    if (pipe(fds) != 0) return -1;
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
#endif
    fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
    return 0;
}

int tasks_wait(pid_t pid, int *code, int *signaled) {
    int status = 0;
    pid_t r;
    do { r = waitpid(pid, &status, 0); } while (r < 0 && errno == EINTR);
    return decode(r, status, code, signaled);
}

long tasks_ensure_fd_limit(unsigned long needed) {
    struct rlimit l;
    if (getrlimit(RLIMIT_NOFILE, &l) != 0) return -1;
    if (l.rlim_cur != RLIM_INFINITY && l.rlim_cur < needed) {
        rlim_t want = (l.rlim_max == RLIM_INFINITY || l.rlim_max > needed) ? (rlim_t)needed : l.rlim_max;
        if (want > l.rlim_cur) {
            l.rlim_cur = want;
            if (setrlimit(RLIMIT_NOFILE, &l) != 0 && getrlimit(RLIMIT_NOFILE, &l) != 0) return -1;
        }
    }
    return l.rlim_cur == RLIM_INFINITY ? (long)(~0UL >> 1) : (long)l.rlim_cur;
}

#if defined(__linux__) && defined(SYS_sched_getattr) && defined(SYS_sched_setattr)
/// The kernel's struct sched_attr (glibc 2.36 does not declare it).
struct tasks_sched_attr {
    uint32_t size, sched_policy;
    uint64_t sched_flags;
    int32_t sched_nice;
    uint32_t sched_priority;
    uint64_t sched_runtime, sched_deadline, sched_period;
    uint32_t sched_util_min, sched_util_max;
};

int tasks_short_slice(unsigned long long slice_ns) {
    struct tasks_sched_attr a;
    memset(&a, 0, sizeof a);
    if (syscall(SYS_sched_getattr, 0, &a, sizeof a, 0) != 0) return -1;
    // Only the default policy: real-time or batch scheduling chosen by the user stays as it is.
    if (a.sched_policy != SCHED_OTHER) return -1;
    a.size = sizeof a;
    a.sched_flags = 0x01;  // SCHED_FLAG_RESET_ON_FORK
    a.sched_runtime = slice_ns;
    return syscall(SYS_sched_setattr, 0, &a, 0) == 0 ? 0 : -1;
}
#else
int tasks_short_slice(unsigned long long slice_ns) {
    (void)slice_ns;
    return -1;
}
#endif
