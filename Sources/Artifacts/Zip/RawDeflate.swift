import CZlib

/// Streaming raw deflate or inflate (no zlib header: the form zip entries use), in bounded chunks.
final class RawDeflate {
    enum Direction { case compress(level: Int32), decompress }

    private var stream = z_stream()
    private let direction: Direction
    private var ended = false

    init(_ direction: Direction) throws {
        self.direction = direction
        let status: Int32
        switch direction {
        case .compress(let level): status = flywheel_deflate_init_raw(&stream, level)
        case .decompress: status = flywheel_inflate_init_raw(&stream)
        }
        guard status == Z_OK else { throw ArtifactError("zlib cannot start (status \(status))") }
    }

    deinit {
        switch direction {
        case .compress: deflateEnd(&stream)
        case .decompress: inflateEnd(&stream)
        }
    }

    /// Feeds `input` (empty with `finish` to flush), handing every produced chunk to `sink`.
    /// Returns whether the stream ended (inflate: the entry's data is complete).
    @discardableResult
    func process(_ input: UnsafeRawBufferPointer, finish: Bool, sink: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        guard !ended else { return true }
        var output = [UInt8](repeating: 0, count: 64 * 1024)
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        while true {
            let (status, produced) = output.withUnsafeMutableBytes { buffer -> (Int32, Int) in
                stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(buffer.count)
                let status: Int32
                switch direction {
                case .compress: status = deflate(&stream, finish ? Z_FINISH : Z_NO_FLUSH)
                case .decompress: status = inflate(&stream, Z_NO_FLUSH)
                }
                return (status, buffer.count - Int(stream.avail_out))
            }
            if produced > 0 { try output.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) throws in try sink(UnsafeRawBufferPointer(rebasing: buffer[0..<produced])) } }
            switch status {
            case Z_STREAM_END:
                ended = true
                return true
            case Z_OK:
                if stream.avail_in == 0 && stream.avail_out > 0 && !finish { return false }
            case Z_BUF_ERROR:
                if stream.avail_in == 0 { return false }
                throw ArtifactError("zlib made no progress")
            default:
                throw ArtifactError("corrupt deflate data (zlib status \(status))")
            }
        }
    }
}
