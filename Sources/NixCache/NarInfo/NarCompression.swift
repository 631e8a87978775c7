/// The `Compression:` value of a narinfo: how the file at `URL` is compressed.
///
/// A narinfo without `Compression:` means bzip2 to Nix, so always write one.
public struct NarCompression: RawRepresentable, Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The name Nix uses, e.g. `zstd`.
    public let rawValue: String

    /// Wraps a compression name as Nix spells it.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// Zstandard (`.nar.zst`): what this package writes.
    public static let zstd = NarCompression(rawValue: "zstd")
    /// Uncompressed (`.nar`).
    public static let none = NarCompression(rawValue: "none")
    /// xz (`.nar.xz`), the historical cache.nixos.org default.
    public static let xz = NarCompression(rawValue: "xz")
    /// bzip2: what Nix assumes when `Compression:` is missing.
    public static let bzip2 = NarCompression(rawValue: "bzip2")

    public var description: String { rawValue }
}
