/// One narinfo `Sig:` value: `<key-name>:<base64 of a 64-byte Ed25519 signature>`.
public struct NixSignature: Sendable, Hashable, CustomStringConvertible {
    /// The name of the key that made the signature, e.g. `cache.nixos.org-1`.
    public let keyName: String
    /// The 64 signature bytes.
    public let bytes: [UInt8]

    /// Pairs a key name with 64 signature bytes.
    ///
    /// - Throws: ``SigningKeyError`` when the name is empty or contains ':' or the
    ///   signature is not 64 bytes.
    public init(keyName: String, bytes: some Collection<UInt8>) throws(SigningKeyError) {
        guard !keyName.isEmpty, !keyName.contains(":") else {
            throw .malformed(what: "signature", reason: "key name '\(keyName)' must be non-empty and contain no ':'")
        }
        guard bytes.count == 64 else {
            throw .wrongLength(what: "signature", name: keyName, expected: "64", actual: bytes.count)
        }
        self.keyName = keyName
        self.bytes = Array(bytes)
    }

    init(validatedKeyName keyName: String, bytes: [UInt8]) {
        self.keyName = keyName
        self.bytes = bytes
    }

    /// Parses `<key-name>:<base64>`.
    ///
    /// - Throws: ``SigningKeyError`` when the text is malformed or the signature is not
    ///   64 bytes.
    public init(parsing text: some StringProtocol) throws(SigningKeyError) {
        let (name, bytes) = try KeyText.split(text, what: "signature")
        try self.init(keyName: name, bytes: bytes)
    }

    /// `<key-name>:<base64>`, as written after `Sig: `.
    public var description: String { KeyText.join(name: keyName, bytes: bytes) }
}
