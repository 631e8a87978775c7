/// A synchronous, thread-safe sink for job output bytes.
///
/// Implementations must copy what they need before returning: the buffer is reused.
public protocol TraceWriter: Sendable {
    func write(_ bytes: UnsafeRawBufferPointer)
}

extension TraceWriter {
    /// Writes the UTF-8 bytes of `text`.
    public func write(_ text: String) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    /// Writes `bytes`.
    public func write(bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }
}
