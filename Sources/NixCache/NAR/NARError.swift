/// Why a NAR could not be produced. Every file-system case names the path that failed.
public enum NARError: Error, Sendable, CustomStringConvertible {
    /// `lstat` failed (the path vanished, or a directory on the way is unreadable).
    case statFailed(path: String, errno: Int32)
    /// A file or directory could not be opened.
    case openFailed(path: String, errno: Int32)
    /// Reading a regular file failed part-way.
    case readFailed(path: String, errno: Int32)
    /// A symlink's target could not be read.
    case readLinkFailed(path: String, errno: Int32)
    /// A directory's entries could not be listed.
    case readDirectoryFailed(path: String, errno: Int32)
    /// The path is a socket, FIFO or device; NARs hold only regular files, symlinks and
    /// directories.
    case unsupportedFileType(path: String, type: String)
    /// The file got shorter (or was replaced) while it was being read; the NAR would not
    /// match its header. Store paths are immutable, so this means something is writing to
    /// the store or the path is not a finished store path.
    case fileChangedWhileReading(path: String, expectedSize: UInt64, readSize: UInt64)
    /// `chunkSize` must be at least 1.
    case invalidChunkSize(Int)
    /// The consumer that received the NAR chunks threw.
    case consumerFailed(any Error)
    /// The task was cancelled between two chunks.
    case cancelled

    public var description: String {
        switch self {
        case .statFailed(let path, let code):
            return "NAR: cannot lstat '\(path)': \(SystemErrorText.describe(code))"
        case .openFailed(let path, let code):
            return "NAR: cannot open '\(path)': \(SystemErrorText.describe(code))"
        case .readFailed(let path, let code):
            return "NAR: reading '\(path)' failed: \(SystemErrorText.describe(code))"
        case .readLinkFailed(let path, let code):
            return "NAR: cannot read symlink '\(path)': \(SystemErrorText.describe(code))"
        case .readDirectoryFailed(let path, let code):
            return "NAR: cannot list directory '\(path)': \(SystemErrorText.describe(code))"
        case .unsupportedFileType(let path, let type):
            return "NAR: '\(path)' is a \(type); a NAR can only hold regular files, symlinks and directories"
        case .fileChangedWhileReading(let path, let expectedSize, let readSize):
            return "NAR: '\(path)' changed while being read (size was \(expectedSize) bytes, could read \(readSize)); store paths must not change while they are uploaded"
        case .invalidChunkSize(let size):
            return "NAR: chunk size must be at least 1 byte, got \(size)"
        case .consumerFailed(let error):
            return "NAR: the consumer of the NAR stream failed: \(error)"
        case .cancelled:
            return "NAR: cancelled"
        }
    }
}
