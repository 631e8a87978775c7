/// Splits a byte stream into log entries as the container runtime does: at newlines, with lines
/// longer than 16 KiB split into partial entries, and a final unterminated line kept as-is.
struct LogLineSplitter {
    /// The runtime's line buffer size; longer lines become several entries.
    static let maximumLineLength = 16 * 1024

    private var pending: [UInt8] = []

    /// Adds bytes and returns the entries they complete.
    mutating func feed(_ bytes: some Sequence<UInt8>) -> [[UInt8]] {
        var complete: [[UInt8]] = []
        for byte in bytes {
            pending.append(byte)
            if byte == 10 {
                complete.append(pending)
                pending.removeAll(keepingCapacity: true)
            } else if pending.count >= Self.maximumLineLength {
                complete.append(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
        return complete
    }

    /// The unterminated rest at end of output, if any.
    mutating func finish() -> [UInt8]? {
        defer { pending.removeAll() }
        return pending.isEmpty ? nil : pending
    }
}
