#ifndef TASKS_SPAWN_H
#define TASKS_SPAWN_H

#include <sys/types.h>

/// Starts `argv[0]` with `argv` and `envp` in a new process group of its own (so the whole tree of
/// a task can be signalled), in `cwd` when non-NULL, stdin from `in_fd` (an open /dev/null; when
/// negative the child opens /dev/null itself), stdout and stderr to `out_fd`. Signal dispositions
/// and the signal mask are reset for the child.
/// Returns 0 and sets *pid, or an errno value.
int tasks_spawn(const char *cwd, char *const argv[], char *const envp[], int in_fd, int out_fd, pid_t *pid);

/// Installs handlers for SIGINT and SIGTERM (and SIGCHLD when `with_sigchld`) that write the signal
/// number as one byte to a non-blocking, close-on-exec self-pipe, and returns the pipe's read end
/// (or -1 with errno set). Idempotent: later calls return the same descriptor.
int tasks_signal_pipe(int with_sigchld);

/// A pollable descriptor that becomes readable when `pid` exits (Linux pidfd_open), or -1 where
/// the system has none.
int tasks_pidfd(pid_t pid);

/// waitpid(pid, WNOHANG) decoded: returns 1 when `pid` ended (with *code = exit status, or
/// 128 + signal number and *signaled = 1), 0 while it runs, -1 on error.
int tasks_reap(pid_t pid, int *code, int *signaled);

/// A close-on-exec pipe whose read end (fds[0]) is non-blocking. Returns 0 or -1 with errno set.
int tasks_output_pipe(int fds[2]);

/// Asks the scheduler for a short time slice (`slice_ns`) for the calling thread, keeping its
/// policy and nice value, with reset-on-fork so the processes and threads it starts get the
/// default slice. On Linux 6.12 and later (EEVDF custom slices), a thread with a short slice that
/// wakes up preempts a running one with a longer slice instead of waiting for that slice to end.
/// Returns 0, or -1 where the system has no such hint or refuses it (nothing changes then).
int tasks_short_slice(unsigned long long slice_ns);

/// Raises the soft limit on open files to at least `needed` (at most the hard limit) if it is
/// lower. Returns the soft limit in force afterwards, or -1 if it cannot be read.
long tasks_ensure_fd_limit(unsigned long needed);

/// Blocks until `pid` ends; same decoding as tasks_reap.
int tasks_wait(pid_t pid, int *code, int *signaled);

#endif
