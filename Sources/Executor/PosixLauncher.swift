internal import CSpawn
import TaskModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs attempts as local processes: `/bin/sh -c command` (`vfork` + `exec` on Linux, `posix_spawn`
/// elsewhere: `tasks_spawn`), each in a process
/// group of its own so a task's whole tree can be paused, terminated or killed, with stdin from
/// `/dev/null` and stdout and stderr through a pipe into the task's output file, which is
/// created only when the task writes something (creating a file per task would cost more than
/// running a trivial one). The launcher keeps the pipe's write end open until it reaps the
/// attempt: the exiting process then closes a pipe that still has a writer, which wakes nobody,
/// so a silent task wakes the loop once (its pidfd), not twice (end of file, then the pidfd;
/// that second wake-up cost more CPU than everything else the executor does per task).
///
/// `wait` blocks in `poll` on one pidfd per running attempt (readable when it exits), its output
/// pipe, and a self-pipe that the SIGINT and SIGTERM handlers write to, with the time to the
/// executor's next deadline as timeout, then reaps the exited children with `waitpid(pid,
/// WNOHANG)`: no polling sleeps, so an idle run costs nothing and a short task is noticed at once.
/// Only its own children are reaped, so the launcher lives alongside other code that starts
/// processes. Where there are no pidfds (before Linux 5.3, other systems) SIGCHLD writes to the
/// self-pipe instead.
public final class PosixLauncher: ProcessLauncher {
    struct Attempt {
        var pid: pid_t
        var task: Int32
        var outputPath: String?
        /// The output file, once the task has written something.
        var fileFD: Int32 = -1
        /// The launcher's copy of the pipe's write end, held until the attempt is reaped.
        var pipeWriteFD: Int32
    }

    let clock: any ExecutionClock
    let signalFD: Int32
    let usesPidfd: Bool
    var attempts: [Attempt] = []
    /// Entry 0 is the self-pipe; attempt k is watched by entry 1 + 2k (its pidfd) and 2 + 2k (its
    /// output pipe; -1 once at end of file, which `poll` skips).
    var pollFDs: [pollfd] = []
    /// The executor's own environment, as `KEY=VALUE` C strings owned by the launcher.
    let baseEnvironment: [(key: String, entry: UnsafeMutablePointer<CChar>)]
    /// Index in `baseEnvironment` by key, to find what a task's variables replace.
    let baseIndex: [String: Int]
    /// Reused for every spawn: building them is per-task work.
    var envp: [UnsafeMutablePointer<CChar>?] = []
    var argv: [UnsafeMutablePointer<CChar>?] = []
    var owned: [UnsafeMutablePointer<CChar>] = []
    var signalBytes = [UInt8](repeating: 0, count: 64)
    /// Every task's stdin.
    let devNull: Int32
    /// The process group of each task's latest attempt by task index (0: none yet), kept after it
    /// ends so stragglers in the group can still be killed.
    var groupOfTask: [pid_t] = []
    let shell: UnsafeMutablePointer<CChar>
    let dashC: UnsafeMutablePointer<CChar>
    var buffer = [UInt8](repeating: 0, count: 65_536)

    /// The executor's loop runs on the thread that creates the launcher: that thread asks for a
    /// short scheduler slice (`tasks_short_slice`, 100 µs; the tasks keep the default). Woken when
    /// a task ends or once its new task has exec'd, the loop otherwise waited for a running task's
    /// slice to end before it could start the next one, leaving a core idle meanwhile: measured on
    /// 10,000 `true` tasks at -j2 on this 2-core machine, see README "Executor overhead".
    ///
    /// - Parameter maxRunning: how many attempts may run at once. Each holds up to four
    ///   descriptors (its pidfd, both pipe ends, its output file), so the soft limit on open files
    ///   is raised to cover them when it is lower (the usual 1,024 would stop near -j 250).
    /// - Throws: `TasksError` exit 6 when the signal pipe cannot be set up.
    public init(clock: any ExecutionClock, maxRunning: Int = 0) throws(TasksError) {
        self.clock = clock
        _ = tasks_short_slice(100_000)
        if maxRunning > 0 { _ = tasks_ensure_fd_limit(UInt(min(maxRunning, 1 << 20)) * 4 + 64) }
        let probe = tasks_pidfd(getpid())
        usesPidfd = probe >= 0
        if probe >= 0 { close(probe) }
        let fd = tasks_signal_pipe(usesPidfd ? 0 : 1)
        guard fd >= 0 else { throw TasksError(.workerPoolFailed, "cannot set up the signal pipe: \(Self.errnoText())") }
        signalFD = fd
        pollFDs = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
        var base: [(key: String, entry: UnsafeMutablePointer<CChar>)] = []
        var p = environ
        while let entry = p.pointee {
            let text = String(cString: entry)
            let key = text.split(separator: "=", maxSplits: 1).first.map(String.init) ?? text
            base.append((key, strdup(entry)))
            p += 1
        }
        baseEnvironment = base
        var index: [String: Int] = [:]
        for (i, e) in base.enumerated() { index[e.key] = i }
        baseIndex = index
        shell = strdup("/bin/sh")
        dashC = strdup("-c")
        argv = [shell, dashC, nil, nil]
        devNull = open("/dev/null", O_RDONLY | O_CLOEXEC)
    }

    deinit {
        for e in baseEnvironment { free(e.entry) }
        free(shell)
        free(dashC)
        if devNull >= 0 { close(devNull) }
    }

    public var runningCount: Int { attempts.count }

    public func start(_ request: AttemptRequest) throws(TasksError) {
        if request.truncateOutput, let path = request.outputPath { unlink(path) }
        var fds: [Int32] = [-1, -1]
        guard tasks_output_pipe(&fds) == 0 else {
            throw TasksError(.workerPoolFailed, "task \(request.id): cannot create an output pipe: \(Self.errnoText())")
        }
        let pid: pid_t
        do {
            pid = try spawn(request.command, directory: request.directory, environment: request.environment,
                            attemptVariables: request.attemptVariables, outFD: fds[1], name: "task \(request.id)")
        } catch {
            close(fds[0])
            close(fds[1])
            throw error
        }
        // Without its pidfd the loop would never hear of this process's exit (SIGCHLD is not
        // watched when pidfds are): a run out of descriptors stops here, loudly, instead of hanging.
        let pidfd = usesPidfd ? tasks_pidfd(pid) : -1
        if usesPidfd && pidfd < 0 {
            let reason = Self.errnoText()
            kill(-pid, SIGKILL)
            var code: Int32 = 0, signaled: Int32 = 0
            _ = tasks_wait(pid, &code, &signaled)
            close(fds[0])
            close(fds[1])
            throw TasksError(.workerPoolFailed, "task \(request.id): cannot watch its process: \(reason)")
        }
        let t = Int(request.task)
        if t >= groupOfTask.count { groupOfTask.append(contentsOf: repeatElement(0, count: t + 1 - groupOfTask.count)) }
        groupOfTask[t] = pid
        attempts.append(Attempt(pid: pid, task: request.task, outputPath: request.outputPath, pipeWriteFD: fds[1]))
        pollFDs.append(pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0))
        pollFDs.append(pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0))
    }

    public func wait(until deadline: Double) -> WakeUp {
        var wake = WakeUp()
        while true {
            let remaining = deadline - clock.now
            // Round up so a deadline is never reported early (then one more pass finds it due).
            let timeout = remaining <= 0 ? 0 : remaining.isFinite ? Int32(min((remaining * 3_600_000).rounded(.up), 86_400_000)) : -1
            _ = poll(&pollFDs, nfds_t(pollFDs.count), timeout)
            if pollFDs[0].revents != 0 { drain(&wake) }
            reap(&wake)
            if !wake.exits.isEmpty || wake.interrupted || remaining <= 0 { return wake }
        }
    }

    /// Copies what attempt `k` has written into its output file; at end of file, stops watching.
    func pump(_ k: Int) {
        let p = 2 + 2 * k
        while pollFDs[p].fd >= 0 {
            let n = read(pollFDs[p].fd, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return }  // EAGAIN: nothing more for now
            if n == 0 {
                close(pollFDs[p].fd)
                pollFDs[p].fd = -1
                return
            }
            if attempts[k].fileFD < 0, let path = attempts[k].outputPath {
                attempts[k].fileFD = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            }
            if attempts[k].fileFD >= 0 { _ = write(attempts[k].fileFD, buffer, n) }
        }
    }

    /// Moves output along, and collects the attempts whose processes have exited: those whose
    /// pidfd is readable, or every running one when SIGCHLD is the only news.
    func reap(_ wake: inout WakeUp) {
        var k = 0
        while k < attempts.count {
            if pollFDs[2 + 2 * k].revents != 0 { pump(k) }
            var code: Int32 = 0, signaled: Int32 = 0
            if (usesPidfd && pollFDs[1 + 2 * k].revents == 0) || tasks_reap(attempts[k].pid, &code, &signaled) != 1 {
                pollFDs[1 + 2 * k].revents = 0
                pollFDs[2 + 2 * k].revents = 0
                k += 1
                continue
            }
            // The process is gone: whatever it wrote is in the pipe now (a child it left behind may
            // still hold the pipe; its later output is not waited for). With pidfds, `poll` looked
            // at the pipe after the pidfd, so the pipe reported what the process wrote before it
            // exited: nothing to read unless it reported something.
            if !usesPidfd || pollFDs[2 + 2 * k].revents != 0 { pump(k) }
            wake.exits.append(AttemptExit(task: attempts[k].task, status: code, signaled: signaled != 0,
                                          wroteOutput: attempts[k].fileFD >= 0))
            for e in [1 + 2 * k, 2 + 2 * k] where pollFDs[e].fd >= 0 { close(pollFDs[e].fd) }
            close(attempts[k].pipeWriteFD)
            if attempts[k].fileFD >= 0 { close(attempts[k].fileFD) }
            let last = attempts.count - 1
            attempts[k] = attempts[last]
            pollFDs[1 + 2 * k] = pollFDs[1 + 2 * last]
            pollFDs[2 + 2 * k] = pollFDs[2 + 2 * last]
            attempts.removeLast()
            pollFDs.removeLast(2)
        }
    }

    public func signal(_ signal: AttemptSignal, task: Int32) {
        guard Int(task) < groupOfTask.count, case let group = groupOfTask[Int(task)], group > 0 else { return }
        switch signal {
        case .terminate:
            kill(-group, SIGTERM)
            kill(-group, SIGCONT)  // a paused task must run to see its SIGTERM
        case .kill: kill(-group, SIGKILL)
        case .pause: kill(-group, SIGSTOP)
        case .resume: kill(-group, SIGCONT)
        }
    }

    public func check(command: String, directory: String, environment: [String: String], outputPath: String?) -> Int32 {
        var outFD: Int32 = -1
        if let path = outputPath { outFD = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644) }
        defer { if outFD >= 0 { close(outFD) } }
        guard let pid = try? spawn(command, directory: directory, environment: environment, attemptVariables: [], outFD: outFD,
                                   name: "check") else {
            return 127
        }
        var code: Int32 = 0, signaled: Int32 = 0
        return tasks_wait(pid, &code, &signaled) == 1 ? code : 127
    }

    /// Starts `/bin/sh -c command` with the executor's environment, minus what `environment` and
    /// `attemptVariables` replace, plus those.
    func spawn(_ command: String, directory: String, environment: [String: String], attemptVariables: [(name: String, value: String)],
               outFD: Int32, name: @autoclosure () -> String) throws(TasksError) -> pid_t {
        defer {
            for p in owned { free(p) }
            owned.removeAll(keepingCapacity: true)
        }
        var replaced: [Int] = []
        for key in environment.keys { if let i = baseIndex[key] { replaced.append(i) } }
        for v in attemptVariables { if let i = baseIndex[v.name] { replaced.append(i) } }
        envp.removeAll(keepingCapacity: true)
        for (i, e) in baseEnvironment.enumerated() where replaced.isEmpty || !replaced.contains(i) { envp.append(e.entry) }
        for (k, v) in environment { append(k, v) }
        for v in attemptVariables { append(v.name, v.value) }
        envp.append(nil)
        let commandC = strdup(command)!
        owned.append(commandC)
        argv[2] = commandC
        var pid: pid_t = 0
        let rc = directory.withCString { dir in tasks_spawn(dir, &argv, &envp, devNull, outFD, &pid) }
        guard rc == 0 else {
            throw TasksError(.workerPoolFailed, "\(name()): cannot start /bin/sh: \(String(cString: strerror(rc)))")
        }
        return pid
    }

    /// Adds `key=value` to `envp`, as one C string built in place.
    private func append(_ key: String, _ value: String) {
        var key = key, value = value
        let p = key.withUTF8 { k in
            value.withUTF8 { v in
                // malloc, not `allocate`: `owned` is released with `free`.
                let raw = malloc(k.count + v.count + 2)!
                if let base = k.baseAddress { raw.copyMemory(from: base, byteCount: k.count) }
                raw.storeBytes(of: UInt8(ascii: "="), toByteOffset: k.count, as: UInt8.self)
                if let base = v.baseAddress { (raw + k.count + 1).copyMemory(from: base, byteCount: v.count) }
                raw.storeBytes(of: 0, toByteOffset: k.count + 1 + v.count, as: UInt8.self)
                return raw.assumingMemoryBound(to: CChar.self)
            }
        }
        owned.append(p)
        envp.append(p)
    }

    /// Empties the self-pipe; SIGINT and SIGTERM bytes mean the user asked to stop.
    func drain(_ wake: inout WakeUp) {
        while true {
            let n = read(signalFD, &signalBytes, signalBytes.count)
            guard n > 0 else { return }
            for b in signalBytes[0..<n] where Int32(b) == SIGINT || Int32(b) == SIGTERM { wake.interrupted = true }
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
