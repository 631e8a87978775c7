/// A `.narinfo` file: what a Nix binary cache knows about one store path.
///
/// ``rendered()`` writes the fields in Nix's order, references as sorted base names and
/// `References: ` (with a trailing space) when there are none. ``init(parsing:storeDirectory:)``
/// reads what Nix, Attic or this type write. Sign with ``sign(with:)``; the signed message
/// is ``fingerprint``.
public struct NarInfo: Sendable, Hashable {
    /// The store path described.
    public var storePath: StorePath
    /// Where the (compressed) NAR is, relative to the cache root, e.g. `nar/<hash>.nar.zst`.
    public var url: String
    /// How the file at ``url`` is compressed.
    public var compression: NarCompression
    /// SHA-256 of the file at ``url`` (Nix does not check it on download).
    public var fileHash: NixHash?
    /// Size of the file at ``url`` in bytes.
    public var fileSize: UInt64?
    /// SHA-256 of the uncompressed NAR; Nix verifies it after download.
    public var narHash: NixHash
    /// Size of the uncompressed NAR in bytes; must be greater than 0.
    public var narSize: UInt64
    /// Store paths this path refers to, including itself if it does. Any order; written
    /// and fingerprinted sorted.
    public var references: [StorePath]
    /// The `.drv` that built the path, if known.
    public var deriver: StorePath?
    /// `Sig:` lines, in order.
    public var signatures: [NixSignature]
    /// Content address, e.g. `fixed:r:sha256:<nix32>`, for content-addressed paths.
    public var ca: String?

    /// Describes one store path.
    public init(
        storePath: StorePath,
        url: String,
        compression: NarCompression,
        fileHash: NixHash? = nil,
        fileSize: UInt64? = nil,
        narHash: NixHash,
        narSize: UInt64,
        references: [StorePath] = [],
        deriver: StorePath? = nil,
        signatures: [NixSignature] = [],
        ca: String? = nil
    ) {
        self.storePath = storePath
        self.url = url
        self.compression = compression
        self.fileHash = fileHash
        self.fileSize = fileSize
        self.narHash = narHash
        self.narSize = narSize
        self.references = references
        self.deriver = deriver
        self.signatures = signatures
        self.ca = ca
    }

    /// References sorted byte-wise, the order of `References:` and of the fingerprint.
    public var sortedReferences: [StorePath] {
        references.sorted()
    }

    /// The message Nix signs:
    /// `1;<storePath>;sha256:<nix32 narHash>;<narSize>;<sorted full reference paths, comma-separated>`.
    public var fingerprint: String {
        "1;\(storePath.path);\(narHash.nix32String);\(narSize);"
            + sortedReferences.map(\.path).joined(separator: ",")
    }

    /// The narinfo text, every line ending in `\n`, in the order Nix writes:
    /// StorePath, URL, Compression, FileHash, FileSize, NarHash, NarSize, References,
    /// Deriver, Sig…, CA.
    ///
    /// - Throws: ``NarInfoError`` when ``narSize`` is 0 or a value contains a line break.
    public func rendered() throws(NarInfoError) -> String {
        guard narSize > 0 else { throw .zeroNarSize(storePath: storePath.path) }
        for (field, value) in [("URL", url), ("Compression", compression.rawValue), ("CA", ca ?? "")]
        where value.contains(where: \.isNewline) {
            throw .lineBreakInValue(field: field)
        }
        var text = "StorePath: \(storePath.path)\n"
        text += "URL: \(url)\n"
        text += "Compression: \(compression.rawValue)\n"
        if let fileHash { text += "FileHash: \(fileHash.nix32String)\n" }
        if let fileSize { text += "FileSize: \(fileSize)\n" }
        text += "NarHash: \(narHash.nix32String)\n"
        text += "NarSize: \(narSize)\n"
        text += "References: " + sortedReferences.map(\.baseName).joined(separator: " ") + "\n"
        if let deriver { text += "Deriver: \(deriver.baseName)\n" }
        for signature in signatures { text += "Sig: \(signature)\n" }
        if let ca { text += "CA: \(ca)\n" }
        return text
    }

    /// Signs ``fingerprint`` with `key`, replacing any earlier signature by a key of the
    /// same name.
    ///
    /// - Throws: ``NarInfoError/zeroNarSize(storePath:)`` when ``narSize`` is 0, or
    ///   ``NarInfoError/invalidField(name:value:reason:)`` if signing itself failed.
    public mutating func sign(with key: NixSigningKey) throws(NarInfoError) {
        guard narSize > 0 else { throw .zeroNarSize(storePath: storePath.path) }
        let signature: NixSignature
        do {
            signature = try key.sign(fingerprint)
        } catch {
            throw .invalidField(name: "Sig", value: key.name, reason: error.description)
        }
        signatures.removeAll { $0.keyName == key.name }
        signatures.append(signature)
    }

    /// Whether one of ``signatures`` is a valid signature of ``fingerprint`` by `key`.
    public func hasValidSignature(from key: NixPublicKey) -> Bool {
        guard narSize > 0 else { return false }
        let message = fingerprint
        return signatures.contains { key.isValidSignature($0, for: message) }
    }
}
