/// What the local Nix database records about one valid store path: everything a binary
/// cache or Attic needs to describe it (`NarHash`, `NarSize`, `References`, `Deriver`,
/// `Sig`, `CA`).
public struct StorePathInfo: Sendable, Hashable, CustomStringConvertible {
    /// The path described.
    public var path: StorePath
    /// SHA-256 of the path's NAR, as registered by Nix when the path became valid.
    public var narHash: NixHash
    /// Size of the NAR in bytes.
    public var narSize: UInt64
    /// The paths this path refers to, sorted byte-wise, including itself if it does.
    public var references: [StorePath]
    /// The `.drv` that produced the path, when recorded.
    public var deriver: StorePath?
    /// Signatures the database holds (`<key-name>:<base64>`), e.g. from the cache it was
    /// substituted from.
    public var signatures: [String]
    /// Content address (`fixed:r:sha256:…`, `text:sha256:…`) of content-addressed paths.
    public var ca: String?
    /// Whether the path was built on this machine (`ultimate = 1`), as opposed to
    /// substituted or added.
    public var ultimate: Bool

    /// Describes a path.
    public init(
        path: StorePath, narHash: NixHash, narSize: UInt64, references: [StorePath] = [],
        deriver: StorePath? = nil, signatures: [String] = [], ca: String? = nil, ultimate: Bool = false
    ) {
        self.path = path
        self.narHash = narHash
        self.narSize = narSize
        self.references = references.sorted()
        self.deriver = deriver
        self.signatures = signatures
        self.ca = ca
        self.ultimate = ultimate
    }

    /// The references other than the path itself: what must be in a cache before this
    /// path's narinfo may be published.
    public var dependencies: [StorePath] {
        references.filter { $0 != path }
    }

    /// The names of the keys that signed the path (the part of each signature before `:`).
    public var signingKeyNames: [String] {
        signatures.compactMap { signature in
            signature.firstIndex(of: ":").map { String(signature[..<$0]) }
        }
    }

    /// A narinfo for this path pointing at `url`, carrying the database's signatures
    /// that parse; sign it afterwards to add the cache's own signature.
    public func narInfo(url: String, compression: NarCompression, fileHash: NixHash?, fileSize: UInt64?) -> NarInfo {
        NarInfo(
            storePath: path, url: url, compression: compression, fileHash: fileHash, fileSize: fileSize,
            narHash: narHash, narSize: narSize, references: references, deriver: deriver,
            signatures: signatures.compactMap { try? NixSignature(parsing: $0) }, ca: ca)
    }

    public var description: String { "\(path) (\(narSize) bytes, \(references.count) references)" }
}
