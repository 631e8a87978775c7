/// The SHA-256 and length of a byte stream: a NAR (`NarHash`/`NarSize`) or a compressed
/// NAR file (`FileHash`/`FileSize`).
public struct ContentDigest: Sendable, Hashable, CustomStringConvertible {
    /// SHA-256 of the bytes.
    public let hash: NixHash
    /// Number of bytes.
    public let size: UInt64

    /// Pairs a hash with a size.
    public init(hash: NixHash, size: UInt64) {
        self.hash = hash
        self.size = size
    }

    public var description: String { "\(hash.nix32String) (\(size) bytes)" }
}
