import Glibc

/// File-system steps of launching a local stage: directories and the script file.
enum LocalStageFiles {
    /// Creates `path` and any missing parents, like `mkdir -p`.
    ///
    /// - Parameter mode: permissions of the last component when this call creates it
    ///   (applied exactly, regardless of the umask); parents are created `0755` minus the umask.
    static func makeDirectory(_ path: String, mode: mode_t) throws(SystemCallFailure) {
        if isDirectory(path) { return }
        let parent = parentDirectory(of: path)
        if parent != path && !parent.isEmpty {
            try makeDirectory(parent, mode: 0o755)
        }
        if mkdir(path, mode) != 0 {
            let code = errno
            // Someone else may have created it in between; that is fine.
            if code == EEXIST && isDirectory(path) { return }
            throw SystemCallFailure("create directory \(path)", code: code)
        }
        if chmod(path, mode) != 0 {
            throw SystemCallFailure("set permissions of directory \(path)")
        }
    }

    /// Writes `text` to `path` (replacing any previous content) with permissions `0700`.
    static func writeScript(_ text: String, to path: String) throws(SystemCallFailure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o700)
        guard descriptor >= 0 else { throw SystemCallFailure("create script file \(path)") }
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o700) == 0 else {
            throw SystemCallFailure("set permissions of script file \(path)")
        }
        let bytes = Array(text.utf8)
        let failure: Int32? = bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure { throw SystemCallFailure("write script file \(path)", code: failure) }
    }

    /// Turns a relative `path` into an absolute one, against the agent's current directory.
    static func absolutePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        guard let cwd = getcwd(nil, 0) else { return path }
        defer { free(cwd) }
        let base = String(cString: cwd)
        return base.hasSuffix("/") ? base + path : base + "/" + path
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private static func parentDirectory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }
}
