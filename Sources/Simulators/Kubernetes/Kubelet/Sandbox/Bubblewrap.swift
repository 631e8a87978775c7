import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Finding and trying `bwrap` (Debian package `bubblewrap`).
enum Bubblewrap {
    /// Path of an executable `bwrap`, or `nil`.
    static let executable: String? = findExecutable("bwrap")

    /// Whether `bwrap` can create the namespaces the kubelet uses, tried once per process.
    static let isUsable: Bool = {
        guard let executable, let truePath = findExecutable("true") else { return false }
        return runSynchronously([
            executable, "--die-with-parent", "--unshare-pid", "--unshare-uts", "--unshare-ipc",
            "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--", truePath,
        ]) == 0
    }()

    /// Searches the usual directories and `PATH` for an executable called `name`.
    static func findExecutable(_ name: String) -> String? {
        var directories = ["/usr/bin", "/bin", "/usr/local/bin", "/usr/sbin", "/sbin"]
        if let path = ProcessInfo.processInfo.environment["PATH"] {
            directories += path.split(separator: ":").map(String.init)
        }
        for directory in directories {
            let candidate = directory + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Runs a command with no output and waits for it (used once, for the capability probe).
    private static func runSynchronously(_ arguments: [String]) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        guard posix_spawn(&pid, arguments[0], &actions, nil, argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            if errno != EINTR { return -1 }
        }
        return ProcessExitStatus(waitStatus: status).exitCode
    }
}
