/// What a ``CollectingTraceWriter`` has received so far, and who waits for what.
struct CollectedOutput {
    /// Every byte written, in order.
    var bytes: [UInt8] = []
    /// Number of `write` calls.
    var writes = 0
    /// Tasks waiting until `bytes` contains a needle.
    var waiters: [(needle: [UInt8], continuation: CheckedContinuation<Void, Never>)] = []

    /// Whether `bytes` contains `needle` as a contiguous run.
    func contains(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if bytes[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
