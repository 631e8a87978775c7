import NIOCore

/// Where to read a path's NAR from: the path's files on disk. Each call of ``chunks()``
/// starts a fresh read, so a retried upload streams the NAR again instead of keeping it.
public struct NARSource: Sendable {
    /// The physical location of the store path's files.
    public let physicalPath: String
    /// Size of the chunks read.
    public let chunkSize: Int

    /// Reads the NAR of the files at `physicalPath`.
    public init(physicalPath: String, chunkSize: Int = NARWriter.defaultChunkSize) {
        self.physicalPath = physicalPath
        self.chunkSize = chunkSize
    }

    /// The NAR as a pull-based sequence of chunks.
    public func chunks() -> NARChunks {
        NARWriter.chunks(path: physicalPath, chunkSize: chunkSize)
    }
}
