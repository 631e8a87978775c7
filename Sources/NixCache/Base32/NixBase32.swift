/// Nix's own base-32 encoding ("nix32"), used for store path hash parts and for
/// `sha256:<52 chars>` hashes in narinfo files.
///
/// The alphabet is `0123456789abcdfghijklmnpqrsvwxyz` (no `e`, `o`, `u`, `t`). The byte
/// string is read as one little-endian integer whose 5-bit digits are printed
/// most-significant first, so the output is *not* RFC 4648 base32 and not even in byte order.
public enum NixBase32 {
    /// The 32 digits, in value order.
    public static let alphabet: String = "0123456789abcdfghijklmnpqrsvwxyz"

    static let digits: [UInt8] = Array(alphabet.utf8)

    /// Digit value for each ASCII byte, or 0xFF where the byte is not a digit.
    static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, digit) in digits.enumerated() {
            table[Int(digit)] = UInt8(value)
        }
        return table
    }()

    /// The number of characters that encode `byteCount` bytes: 52 for SHA-256, 32 for a
    /// store path's 20-byte hash part.
    public static func encodedLength(byteCount: Int) -> Int {
        precondition(byteCount >= 0, "byteCount must not be negative")
        return byteCount == 0 ? 0 : (byteCount * 8 - 1) / 5 + 1
    }

    /// The number of bytes that a string of `characterCount` characters decodes to, or `nil`
    /// when no byte count encodes to exactly that many characters.
    public static func decodedLength(characterCount: Int) -> Int? {
        guard characterCount >= 0 else { return nil }
        let byteCount = characterCount * 5 / 8
        return encodedLength(byteCount: byteCount) == characterCount ? byteCount : nil
    }

    /// Encodes `bytes` in nix32.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        let length = encodedLength(byteCount: input.count)
        var output = [UInt8](repeating: 0, count: length)
        for index in 0..<length {
            let bit = (length - 1 - index) * 5
            let byteIndex = bit / 8
            let shift = bit % 8
            var value = Int(input[byteIndex]) >> shift
            if byteIndex + 1 < input.count {
                value |= Int(input[byteIndex + 1]) << (8 - shift)
            }
            output[index] = digits[value & 31]
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes a nix32 string; the byte count follows from its length (52 characters give
    /// 32 bytes, 32 characters give 20 bytes).
    ///
    /// - Throws: ``NixBase32Error`` when the length fits no byte count, a character is
    ///   outside the alphabet, or the value has bits set beyond the last byte.
    public static func decode(_ string: some StringProtocol) throws(NixBase32Error) -> [UInt8] {
        let characterCount = string.utf8.count
        guard let byteCount = decodedLength(characterCount: characterCount) else {
            throw .invalidLength(characterCount: characterCount)
        }
        return try decode(string, byteCount: byteCount)
    }

    /// Decodes a nix32 string that must encode exactly `byteCount` bytes.
    ///
    /// - Throws: ``NixBase32Error`` when the length does not match `byteCount`, a character
    ///   is outside the alphabet, or the value has bits set beyond the last byte.
    public static func decode(_ string: some StringProtocol, byteCount: Int) throws(NixBase32Error) -> [UInt8] {
        let characters = Array(string.utf8)
        let expected = encodedLength(byteCount: byteCount)
        guard characters.count == expected else {
            throw .lengthMismatch(expected: expected, actual: characters.count, byteCount: byteCount)
        }
        var output = [UInt8](repeating: 0, count: byteCount)
        for (index, character) in characters.enumerated() {
            let digit = values[Int(character)]
            guard digit != 0xFF else {
                throw .invalidCharacter(String(decoding: [character], as: UTF8.self), offset: index)
            }
            let bit = (characters.count - 1 - index) * 5
            let byteIndex = bit / 8
            let shift = bit % 8
            let wide = Int(digit) << shift
            output[byteIndex] |= UInt8(truncatingIfNeeded: wide)
            let carry = wide >> 8
            if byteIndex + 1 < byteCount {
                output[byteIndex + 1] |= UInt8(truncatingIfNeeded: carry)
            } else if carry != 0 {
                throw .overflow(string: String(decoding: characters, as: UTF8.self))
            }
        }
        return output
    }
}
