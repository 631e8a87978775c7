import Crypto
import NIOCore

/// Streaming SHA-256 plus byte count. Feed it every chunk of a NAR (or of the compressed
/// file) as it passes by; ``finalize()`` gives the ``ContentDigest`` for `NarHash`/`NarSize`
/// (or `FileHash`/`FileSize`). Constant memory; uses swift-crypto's SHA-256 (SHA-NI where
/// the CPU has it).
public struct NARHasher: Sendable {
    private var sha256 = SHA256()

    /// Bytes seen so far.
    public private(set) var byteCount: UInt64 = 0

    /// A hasher that has seen no bytes.
    public init() {}

    /// Adds `bytes` to the hash.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        sha256.update(bufferPointer: bytes)
        byteCount += UInt64(bytes.count)
    }

    /// Adds the readable bytes of `buffer` to the hash (the reader index is not moved).
    public mutating func update(_ buffer: ByteBuffer) {
        buffer.withUnsafeReadableBytes { update($0) }
    }

    /// Adds `bytes` to the hash.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let array = Array(bytes)
        array.withUnsafeBytes { update($0) }
    }

    /// The digest of everything seen so far. The hasher can keep going afterwards.
    public func finalize() -> ContentDigest {
        let digest = sha256.finalize()
        return ContentDigest(hash: NixHash(uncheckedBytes: Array(digest)), size: byteCount)
    }
}
