#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A path's zstd-compressed NAR staged in a local file, with the digests a narinfo needs.
/// Staging is what lets the file be named `nar/<FileHash>.nar.zst` (the hash is only known
/// at the end) while memory stays constant; Nix does the same with a temporary file.
struct SpooledNAR: Sendable {
    /// The staged file.
    let file: String
    /// `FileHash`/`FileSize`: SHA-256 and size of the compressed file.
    let fileDigest: ContentDigest
    /// `NarHash`/`NarSize` as computed while streaming (already checked against the
    /// database).
    let narDigest: ContentDigest

    /// `nar/<nix32 FileHash>.nar.zst`, the key Nix itself uses.
    var key: String { "nar/\(NixBase32.encode(fileDigest.hash.bytes)).nar.zst" }

    /// Deletes the staged file.
    func remove() {
        unlink(file)
    }
}
