import NIOCore

/// Splits a streaming body into `\n`-terminated lines, independent of chunk boundaries, holding at most one line.
struct JSONLineReader {
    private var iterator: KubernetesByteStream.AsyncIterator
    private var buffer = ByteBuffer()
    private var finished = false
    let maximumLineLength: Int

    init(_ body: KubernetesByteStream, maximumLineLength: Int = 16 * 1024 * 1024) {
        iterator = body.makeAsyncIterator()
        self.maximumLineLength = maximumLineLength
    }

    /// The next non-empty line without its `\n`; `nil` at the end of the body. An unterminated last line is
    /// dropped (the stream was cut inside an event).
    ///
    /// - Throws: what the body throws (a broken connection), or ``KubernetesClientError`` for an over-long line.
    mutating func nextLine() async throws -> ByteBuffer? {
        while true {
            if let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                let length = newline - buffer.readerIndex
                let line = buffer.readSlice(length: length)!
                buffer.moveReaderIndex(forwardBy: 1)
                if line.readableBytesView.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { continue }
                return line
            }
            if finished { return nil }
            guard var chunk = try await iterator.next() else {
                finished = true
                buffer.clear()
                return nil
            }
            buffer.discardReadBytes()
            buffer.writeBuffer(&chunk)
            if buffer.readableBytes > maximumLineLength, !buffer.readableBytesView.contains(UInt8(ascii: "\n")) {
                throw KubernetesClientError(code: .responseTooLarge, operation: "read a watch stream", message: "an event is longer than \(maximumLineLength) bytes")
            }
        }
    }
}
