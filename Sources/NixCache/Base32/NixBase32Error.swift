/// Why a nix32 string could not be decoded.
public enum NixBase32Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// A character is not one of `0123456789abcdfghijklmnpqrsvwxyz` (note: no `e o u t`,
    /// and only lowercase).
    case invalidCharacter(String, offset: Int)
    /// The string has the wrong length for the expected number of bytes.
    case lengthMismatch(expected: Int, actual: Int, byteCount: Int)
    /// No byte count encodes to this many characters.
    case invalidLength(characterCount: Int)
    /// The leading digit carries bits beyond the last byte, so this is not the encoding of
    /// any byte string of that size.
    case overflow(string: String)

    public var description: String {
        switch self {
        case .invalidCharacter(let character, let offset):
            return "nix32: invalid character '\(character)' at offset \(offset); nix32 uses only 0-9 and lowercase a-z without e, o, u, t"
        case .lengthMismatch(let expected, let actual, let byteCount):
            return "nix32: \(actual) characters, but \(byteCount) bytes need exactly \(expected)"
        case .invalidLength(let characterCount):
            return "nix32: no byte string encodes to \(characterCount) characters; expected 52 for SHA-256 or 32 for a store path hash"
        case .overflow(let string):
            return "nix32: '\(string)' has bits set beyond the last byte; it was not produced by a nix32 encoder"
        }
    }
}
