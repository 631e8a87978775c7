/// Deterministic hexadecimal digests for simulated image ids and container ids.
enum FakeDigest {
    /// 64 hex characters derived from `text` (FNV-1a, four seeds; not cryptographic).
    static func hex(of text: String) -> String {
        var result = ""
        for seed in UInt64(0)..<4 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ (seed &* 0x9e37_79b9_7f4a_7c15)
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            let part = String(hash, radix: 16)
            result += String(repeating: "0", count: 16 - part.count) + part
        }
        return result
    }

    /// 64 random hex characters.
    static func random() -> String {
        (0..<4).map { _ in
            let part = String(UInt64.random(in: 0...UInt64.max), radix: 16)
            return String(repeating: "0", count: 16 - part.count) + part
        }.joined()
    }
}
