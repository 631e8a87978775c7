#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// A file's bytes as a pull-based sequence of chunks, read on demand: an HTTP request body
/// that streams a staged NAR from disk with constant memory. Each iteration opens the file
/// afresh, so a retried request sends it again.
public struct FileChunks: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    let path: String
    let chunkSize: Int

    public init(path: String, chunkSize: Int = 1 << 20) {
        self.path = path
        self.chunkSize = chunkSize
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(reader: Reader(path: path), chunkSize: chunkSize)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let reader: Reader
        let chunkSize: Int

        public mutating func next() async throws -> ByteBuffer? {
            try reader.next(chunkSize: chunkSize)
        }
    }

    /// Owns the descriptor; closes it at the end of the file or when dropped.
    final class Reader {
        private let path: String
        private var descriptor: Int32 = -1
        private var done = false

        init(path: String) { self.path = path }

        deinit {
            if descriptor >= 0 { close(descriptor) }
        }

        func next(chunkSize: Int) throws -> ByteBuffer? {
            if done { return nil }
            if descriptor < 0 {
                descriptor = open(path, O_RDONLY | O_CLOEXEC)
                guard descriptor >= 0 else {
                    done = true
                    throw CacheTargetError.fileSystem(path: path, reason: "cannot open: \(String(cString: strerror(errno)))")
                }
            }
            var buffer = ByteBufferAllocator().buffer(capacity: chunkSize)
            var failure: Int32 = 0
            let count = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: chunkSize) { space -> Int in
                var result: Int
                repeat {
                    result = read(descriptor, space.baseAddress, chunkSize)
                } while result < 0 && errno == EINTR
                if result < 0 {
                    failure = errno
                    return 0
                }
                return result
            }
            if failure != 0 {
                done = true
                throw CacheTargetError.fileSystem(path: path, reason: "read failed: \(String(cString: strerror(failure)))")
            }
            if count == 0 {
                done = true
                close(descriptor)
                descriptor = -1
                return nil
            }
            return buffer
        }
    }
}
