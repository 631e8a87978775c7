#if canImport(Glibc)
import Glibc

/// A process started with `posix_spawn` in a new session (so it leads its own process group),
/// with stdin from `/dev/null`, stdout and stderr on one pipe (interleaved as written), every
/// signal disposition reset to default and an empty signal mask, exactly the given environment,
/// and no other descriptors than the extra ones asked for.
///
/// A dedicated thread waits for it; ``exit`` is set when it has ended (and been reaped).
final class SpawnedProcess: Sendable {
    /// Process id (and process group id).
    let pid: pid_t
    /// Read end of the output pipe (close-on-exec), owned by whoever reads it.
    let outputDescriptor: Int32
    /// Set once the process has exited.
    let exit = AsyncOnce<ProcessExitStatus>()

    private init(pid: pid_t, outputDescriptor: Int32) {
        self.pid = pid
        self.outputDescriptor = outputDescriptor
    }

    /// Why a spawn failed.
    struct Failure: Error, Sendable {
        var message: String
    }

    /// Spawns `arguments[0]` (an absolute path) with `arguments`. `descriptors` maps open
    /// descriptors of this process to descriptor numbers in the child (≥ 3).
    static func spawn(
        _ arguments: [String],
        environment: [String: String],
        workingDirectory: String? = nil,
        descriptors: [(source: Int32, target: Int32)] = []
    ) throws(Failure) -> SpawnedProcess {
        guard let executable = arguments.first else { throw Failure(message: "no command") }
        guard let (readEnd, writeEnd) = GlibcSymbols.closeOnExecPipe() else {
            throw Failure(message: "pipe: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        func check(_ result: Int32, _ step: String) throws(Failure) {
            guard result == 0 else {
                close(readEnd)
                close(writeEnd)
                throw Failure(message: "\(step): \(String(cString: strerror(result)))")
            }
        }
        try check(posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0), "stdin")
        try check(posix_spawn_file_actions_adddup2(&actions, writeEnd, 1), "stdout")
        try check(posix_spawn_file_actions_adddup2(&actions, writeEnd, 2), "stderr")
        var highest: Int32 = 2
        for (source, target) in descriptors {
            try check(posix_spawn_file_actions_adddup2(&actions, source, target), "descriptor \(target)")
            highest = max(highest, target)
        }
        try check(GlibcSymbols.addCloseFrom(&actions, highest + 1), "close other descriptors")
        if let workingDirectory {
            try check(GlibcSymbols.addChdir(&actions, workingDirectory), "working directory")
        }
        let flags = GlibcSymbols.spawnSetSID | Int32(POSIX_SPAWN_SETSIGDEF) | Int32(POSIX_SPAWN_SETSIGMASK)
        try check(posix_spawnattr_setflags(&attributes, Int16(flags)), "flags")
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in 1..<32 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&defaults, Int32(signal)) }
        try check(posix_spawnattr_setsigdefault(&attributes, &defaults), "signal defaults")
        var mask = sigset_t()
        sigemptyset(&mask)
        try check(posix_spawnattr_setsigmask(&attributes, &mask), "signal mask")

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid = pid_t()
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(writeEnd)
        guard result == 0 else {
            close(readEnd)
            throw Failure(message: "\(executable): \(String(cString: strerror(result)))")
        }
        let process = SpawnedProcess(pid: pid, outputDescriptor: readEnd)
        let child = pid
        let started = DedicatedThread.start {
            var status: Int32 = 0
            while true {
                let reaped = waitpid(child, &status, 0)
                if reaped == child {
                    process.exit.set(ProcessExitStatus(waitStatus: status))
                    return
                }
                if reaped == -1, errno == EINTR { continue }
                // Someone else reaped it (or it is not our child): report an unknown ending.
                process.exit.set(ProcessExitStatus(exitCode: 255))
                return
            }
        }
        if !started {
            kill(pid, SIGKILL)
            throw Failure(message: "could not start a thread to wait for \(executable)")
        }
        return process
    }

    /// Sends `signal` to the process.
    func signal(_ signal: Int32) {
        if exit.current == nil { kill(pid, signal) }
    }

    /// Sends `signal` to the process's whole process group.
    func signalGroup(_ signal: Int32) {
        kill(-pid, signal)
    }
}
#endif
