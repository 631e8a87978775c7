import Crypto

/// A binary-cache public key as Nix writes it: `<name>:<base64 of 32 Ed25519 bytes>`,
/// the format of `trusted-public-keys` and of the public key file from
/// `nix-store --generate-binary-cache-key`.
public struct NixPublicKey: Sendable, Hashable, CustomStringConvertible {
    /// The key name, e.g. `cache.example.org-1`.
    public let name: String
    /// The 32 raw Ed25519 public key bytes.
    public let rawRepresentation: [UInt8]

    /// Pairs a key name with 32 public key bytes.
    ///
    /// - Throws: ``SigningKeyError`` when the name is empty or contains ':' or the key is
    ///   not a valid 32-byte Ed25519 public key.
    public init(name: String, rawRepresentation: some Collection<UInt8>) throws(SigningKeyError) {
        guard !name.isEmpty, !name.contains(":") else {
            throw .malformed(what: "public key", reason: "key name '\(name)' must be non-empty and contain no ':'")
        }
        guard rawRepresentation.count == 32 else {
            throw .wrongLength(what: "public key", name: name, expected: "32", actual: rawRepresentation.count)
        }
        self.name = name
        self.rawRepresentation = Array(rawRepresentation)
    }

    init(validatedName name: String, rawRepresentation: [UInt8]) {
        self.name = name
        self.rawRepresentation = rawRepresentation
    }

    /// Parses `<name>:<base64>`; surrounding whitespace (a trailing newline) is ignored.
    ///
    /// - Throws: ``SigningKeyError`` naming what is wrong.
    public init(parsing text: some StringProtocol) throws(SigningKeyError) {
        let (name, bytes) = try KeyText.split(text, what: "public key")
        try self.init(name: name, rawRepresentation: bytes)
    }

    /// Reads a public key file.
    ///
    /// - Throws: ``SigningKeyError`` when the file cannot be read or does not hold a key.
    public init(contentsOfFile path: String) throws(SigningKeyError) {
        try self.init(parsing: try KeyText.readFile(path))
    }

    /// `<name>:<base64>`, the form for `trusted-public-keys`.
    public var description: String { KeyText.join(name: name, bytes: rawRepresentation) }

    /// Whether `signature` was made by this key over `message` (for narinfos, the
    /// fingerprint). A signature by a differently named key is never valid.
    public func isValidSignature(_ signature: NixSignature, for message: String) -> Bool {
        guard signature.keyName == name,
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawRepresentation)
        else { return false }
        return key.isValidSignature(signature.bytes, for: Array(message.utf8))
    }
}
