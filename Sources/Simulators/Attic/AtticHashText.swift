/// The hash spellings Attic reads and writes: `sha256:<64 hex>` or `sha256:<52 nix32>` in
/// requests (SRI is refused), nix32 in served narinfos.
enum AtticHashText {
    static let nix32Alphabet = Array("0123456789abcdfghijklmnpqrsvwxyz".utf8)

    /// Nix's base-32 of `bytes` (little-endian number, most significant digit first).
    static func nix32(_ bytes: [UInt8]) -> String {
        let length = (bytes.count * 8 - 1) / 5 + 1
        var output: [UInt8] = []
        for index in 0..<length {
            let bit = (length - 1 - index) * 5
            let byte = bit / 8, shift = bit % 8
            var value = Int(bytes[byte]) >> shift
            if byte + 1 < bytes.count { value |= Int(bytes[byte + 1]) << (8 - shift) }
            output.append(nix32Alphabet[value & 31])
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
    }

    /// The 32 digest bytes of an Attic `nar_hash`, or nil when Attic would refuse it.
    static func parse(_ text: String) -> [UInt8]? {
        guard text.hasPrefix("sha256:") else { return nil }
        let body = Array(text.utf8.dropFirst(7))
        if body.count == 64 {
            var bytes: [UInt8] = []
            var index = 0
            while index < 64 {
                guard let high = hexValue(body[index]), let low = hexValue(body[index + 1]) else { return nil }
                bytes.append(high << 4 | low)
                index += 2
            }
            return bytes
        }
        if body.count == 52 {
            var bytes = [UInt8](repeating: 0, count: 32)
            for (index, character) in body.enumerated() {
                guard let digit = nix32Alphabet.firstIndex(of: character) else { return nil }
                let bit = (51 - index) * 5
                let byte = bit / 8, shift = bit % 8
                bytes[byte] |= UInt8(truncatingIfNeeded: digit << shift)
                let carry = (digit << shift) >> 8
                if byte + 1 < 32 { bytes[byte + 1] |= UInt8(truncatingIfNeeded: carry) } else if carry != 0 { return nil }
            }
            return bytes
        }
        return nil
    }

    private static func hexValue(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return character - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
