import Glibc
import JobExecution

/// Finds the shell binary that runs local stage scripts.
///
/// Mirrors gitlab-runner's "detect shell" wrapper: `bash` is looked up in the usual places and falls
/// back to `sh` when absent; `sh` is looked up in the usual places including busybox images.
enum LocalShell {
    /// Where `bash` is looked for, in order.
    static let bashCandidates = ["/usr/local/bin/bash", "/usr/bin/bash", "/bin/bash"]
    /// Where `sh` is looked for, in order.
    static let shCandidates = ["/bin/sh", "/usr/bin/sh", "/busybox/sh"]

    /// The candidate paths for `shell` (`"bash"` or `"sh"`), in lookup order, or `nil` for any other name.
    static func candidates(for shell: String) -> [String]? {
        switch shell {
        case "bash": bashCandidates + shCandidates
        case "sh": shCandidates
        default: nil
        }
    }

    /// Resolves `shell` to the first executable candidate.
    ///
    /// - Parameters:
    ///   - candidates: overrides the built-in lookup list (used by tests).
    ///   - stage: the stage being launched, named in the error.
    /// - Throws: `StageLaunchError` when the shell name is unsupported or no candidate is executable.
    static func resolve(_ shell: String, candidates override: [String]? = nil, stage: String) throws(StageLaunchError) -> String {
        guard let candidates = override ?? candidates(for: shell) else {
            throw StageLaunchError(
                stage: stage,
                reason: "unsupported shell '\(shell)' for the shell executor; configure shell = \"bash\" or \"sh\""
            )
        }
        for path in candidates where isExecutableFile(path) {
            return path
        }
        throw StageLaunchError(
            stage: stage,
            reason: "no usable \(shell) found (looked for \(candidates.joined(separator: ", "))); install \(shell) on the agent host or configure another shell"
        )
    }

    /// Whether `path` is a regular file (after symlinks) the agent may execute.
    private static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && access(path, X_OK) == 0
    }
}
