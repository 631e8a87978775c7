import Glibc

/// A shell process started with `posix_spawn` as the leader of a new process group.
///
/// The child gets stdin from `/dev/null`, stdout and stderr on the write end of one pipe (so both
/// streams interleave in the order they were written), default dispositions and an empty mask for
/// the signals the agent may ignore or block, exactly the given environment, and no other descriptors.
struct SpawnedShell: Sendable {
    /// Process ID of the shell; also the ID of its process group.
    let pid: pid_t
    /// Read end of the output pipe, owned by the caller (close-on-exec).
    let outputDescriptor: Int32

    /// Signals whose disposition is reset to default in the child, since an agent commonly ignores
    /// or handles them and children would otherwise inherit an ignored disposition.
    static let defaultedSignals: [Int32] = [
        SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGPIPE, SIGCHLD,
        SIGUSR1, SIGUSR2, SIGALRM, SIGTSTP, SIGTTIN, SIGTTOU, SIGXFSZ, SIGXCPU,
    ]

    /// Spawns `executable` with `arguments` (argv[1...]) in `workingDirectory`.
    ///
    /// - Throws: the failing call, including a failed `chdir` or `exec` in the child.
    static func spawn(
        executable: String,
        arguments: [String],
        environment: [String: String],
        workingDirectory: String
    ) throws(SystemCallFailure) -> SpawnedShell {
        guard let (readEnd, writeEnd) = GlibcExtensions.pipe2(flags: O_CLOEXEC) else {
            throw SystemCallFailure("create the stage output pipe")
        }

        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }

        func check(_ result: Int32, _ step: String) throws(SystemCallFailure) {
            if result != 0 {
                close(readEnd)
                close(writeEnd)
                throw SystemCallFailure("prepare the stage process (\(step))", code: result)
            }
        }

        try check(posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0), "stdin")
        try check(posix_spawn_file_actions_adddup2(&actions, writeEnd, 1), "stdout")
        try check(posix_spawn_file_actions_adddup2(&actions, writeEnd, 2), "stderr")
        try check(GlibcExtensions.addCloseFrom(&actions, 3), "close other descriptors")
        try check(GlibcExtensions.addChdir(&actions, workingDirectory), "working directory")

        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        try check(posix_spawnattr_setflags(&attributes, Int16(flags)), "flags")
        try check(posix_spawnattr_setpgroup(&attributes, 0), "process group")
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in defaultedSignals { sigaddset(&defaults, signal) }
        try check(posix_spawnattr_setsigdefault(&attributes, &defaults), "signal defaults")
        var mask = sigset_t()
        sigemptyset(&mask)
        try check(posix_spawnattr_setsigmask(&attributes, &mask), "signal mask")

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment
            .sorted { $0.key < $1.key }
            .map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }

        var pid = pid_t()
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(writeEnd)
        guard result == 0 else {
            close(readEnd)
            throw SystemCallFailure("start \(executable) in \(workingDirectory)", code: result)
        }
        return SpawnedShell(pid: pid, outputDescriptor: readEnd)
    }
}
