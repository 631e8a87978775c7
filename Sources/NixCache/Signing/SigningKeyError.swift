/// Why a signing key, public key or signature could not be read.
public enum SigningKeyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is not `<name>:<base64>` with a non-empty name.
    case malformed(what: String, reason: String)
    /// The base64 part does not decode.
    case invalidBase64(what: String, name: String)
    /// The decoded key or signature has the wrong number of bytes.
    case wrongLength(what: String, name: String, expected: String, actual: Int)
    /// A 64-byte secret key whose second half is not the public key of its first half.
    case publicHalfMismatch(name: String)
    /// The key file could not be read.
    case unreadableFile(path: String, reason: String)
    /// The crypto library refused to sign (not expected with a valid key).
    case signingFailed(name: String, reason: String)

    public var description: String {
        switch self {
        case .malformed(let what, let reason):
            return "\(what): \(reason); expected '<key-name>:<base64>' as written by nix-store --generate-binary-cache-key"
        case .invalidBase64(let what, let name):
            return "\(what) '\(name)': the part after the first ':' is not valid base64"
        case .wrongLength(let what, let name, let expected, let actual):
            return "\(what) '\(name)': decoded to \(actual) bytes, expected \(expected)"
        case .publicHalfMismatch(let name):
            return "secret key '\(name)': the last 32 bytes are not the public key of the first 32 (seed); the key file is corrupt"
        case .unreadableFile(let path, let reason):
            return "cannot read key file '\(path)': \(reason)"
        case .signingFailed(let name, let reason):
            return "signing with key '\(name)' failed: \(reason)"
        }
    }
}
