/// Why a hash string or digest could not be turned into a ``NixHash``.
public enum NixHashError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The string does not start with `sha256:` or `sha256-`; other algorithms are not used
    /// for NAR or file hashes.
    case unsupportedAlgorithm(String)
    /// After `sha256:` came neither 64 (hex), 52 (nix32) nor 44 (base64) characters.
    case invalidLength(String)
    /// The characters do not decode in the encoding their length implies.
    case invalidEncoding(String, encoding: String)
    /// Raw digest bytes were not 32 bytes long.
    case wrongDigestLength(Int)

    public var description: String {
        switch self {
        case .unsupportedAlgorithm(let text):
            return "hash '\(text)': only SHA-256 is supported; write it as sha256:<nix32|hex|base64> or sha256-<base64>"
        case .invalidLength(let text):
            return "hash '\(text)': after 'sha256:' expected 64 hex, 52 nix32 or 44 base64 characters"
        case .invalidEncoding(let text, let encoding):
            return "hash '\(text)': not valid \(encoding)"
        case .wrongDigestLength(let count):
            return "SHA-256 digest must be 32 bytes, got \(count)"
        }
    }
}
