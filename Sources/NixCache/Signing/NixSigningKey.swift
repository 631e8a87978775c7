import Crypto

/// A binary-cache secret key: an Ed25519 key with a name. Nix's secret key file holds
/// `<name>:<base64(seed32 ‖ public32)>` (64 bytes), as written by
/// `nix-store --generate-binary-cache-key <name> <secret-file> <public-file>`.
///
/// The secret never appears in ``description``.
public struct NixSigningKey: Sendable, CustomStringConvertible {
    /// The key name that prefixes every signature, e.g. `cache.example.org-1`.
    public let name: String
    private let privateKey: Curve25519.Signing.PrivateKey

    /// Makes a key from its name and 32-byte Ed25519 seed.
    ///
    /// - Throws: ``SigningKeyError`` when the name is empty or contains ':' or the seed is
    ///   not 32 bytes.
    public init(name: String, seed: some Collection<UInt8>) throws(SigningKeyError) {
        guard !name.isEmpty, !name.contains(":") else {
            throw .malformed(what: "secret key", reason: "key name '\(name)' must be non-empty and contain no ':'")
        }
        guard seed.count == 32, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: Array(seed)) else {
            throw .wrongLength(what: "secret key", name: name, expected: "32 (seed)", actual: seed.count)
        }
        self.name = name
        self.privateKey = key
    }

    /// Parses `<name>:<base64>` holding 64 bytes (seed ‖ public key, Nix's format; the
    /// public half must match) or just the 32-byte seed. Surrounding whitespace is ignored.
    ///
    /// - Throws: ``SigningKeyError`` naming what is wrong.
    public init(parsing text: some StringProtocol) throws(SigningKeyError) {
        let (name, bytes) = try KeyText.split(text, what: "secret key")
        switch bytes.count {
        case 64:
            try self.init(name: name, seed: bytes[0..<32])
            guard privateKey.publicKey.rawRepresentation.elementsEqual(bytes[32..<64]) else {
                throw .publicHalfMismatch(name: name)
            }
        case 32:
            try self.init(name: name, seed: bytes)
        default:
            throw .wrongLength(what: "secret key", name: name, expected: "64 (seed and public key) or 32 (seed)", actual: bytes.count)
        }
    }

    /// Reads a secret key file written by `nix-store --generate-binary-cache-key`.
    ///
    /// - Throws: ``SigningKeyError`` when the file cannot be read or does not hold a key.
    public init(contentsOfFile path: String) throws(SigningKeyError) {
        try self.init(parsing: try KeyText.readFile(path))
    }

    /// Generates a new random key.
    public static func generate(name: String) throws(SigningKeyError) -> NixSigningKey {
        try NixSigningKey(name: name, seed: Array(Curve25519.Signing.PrivateKey().rawRepresentation))
    }

    /// The matching public key, `<name>:<base64>`.
    public var publicKey: NixPublicKey {
        NixPublicKey(validatedName: name, rawRepresentation: Array(privateKey.publicKey.rawRepresentation))
    }

    /// The secret key in Nix's file format, `<name>:<base64(seed ‖ public key)>`.
    /// Handle with care: this is the secret.
    public var secretKeyFileContents: String {
        KeyText.join(name: name, bytes: Array(privateKey.rawRepresentation) + Array(privateKey.publicKey.rawRepresentation))
    }

    /// Signs the UTF-8 bytes of `message` (pure Ed25519, no pre-hash), as Nix signs a
    /// narinfo fingerprint. Signatures are deterministic (RFC 8032) with swift-crypto's
    /// BoringSSL backend on Linux.
    ///
    /// - Throws: ``SigningKeyError/signingFailed(name:reason:)`` if the crypto library
    ///   reports an internal error.
    public func sign(_ message: String) throws(SigningKeyError) -> NixSignature {
        do {
            let signature = try privateKey.signature(for: Array(message.utf8))
            return NixSignature(validatedKeyName: name, bytes: Array(signature))
        } catch {
            throw .signingFailed(name: name, reason: "\(error)")
        }
    }

    /// The key name only; never the secret.
    public var description: String { "NixSigningKey(\(name))" }
}
