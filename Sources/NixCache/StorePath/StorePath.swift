/// A validated Nix store path, `/nix/store/<32 nix32 chars>-<name>`.
///
/// Validation follows current Nix: the hash part is 32 nix32 characters; the name is
/// 1–211 characters of `[A-Za-z0-9+-._?=]`, is not `.` or `..`, and does not start with
/// `.-` or `..-`. Comparison and sorting are byte-wise on the base name, the order Nix
/// and Attic expect for `References`.
public struct StorePath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The default store directory.
    public static let defaultStoreDirectory = "/nix/store"
    /// Length of the hash part in characters (20 bytes in nix32).
    public static let hashPartLength = 32
    /// Longest allowed name, in characters.
    public static let maximumNameLength = 211

    /// The store directory, e.g. `/nix/store` (no trailing slash).
    public let storeDirectory: String
    /// The 32-character nix32 hash part; it names `<hashPart>.narinfo` and is Attic's
    /// `store_path_hash`.
    public let hashPart: String
    /// The name after the first dash, e.g. `hello-2.12`.
    public let name: String

    /// `<hashPart>-<name>`, the form narinfo `References:` and `Deriver:` use.
    public var baseName: String { hashPart + "-" + name }

    /// The full path, `<storeDirectory>/<hashPart>-<name>`.
    public var path: String { storeDirectory + "/" + baseName }

    /// The full path.
    public var description: String { path }

    /// Parses and validates a full store path such as
    /// `/nix/store/zr2knphxg8yyy2mkq8akf2hfknjvdiz7-x`.
    ///
    /// - Parameter storeDirectory: the store the path must be in (no trailing slash).
    /// - Throws: ``StorePathError`` naming the rule the path breaks.
    public init(_ path: some StringProtocol, storeDirectory: String = StorePath.defaultStoreDirectory) throws(StorePathError) {
        let text = String(path)
        let prefix = storeDirectory + "/"
        guard text.hasPrefix(prefix) else {
            throw .notInStore(path: text, storeDirectory: storeDirectory)
        }
        try self.init(baseName: text.dropFirst(prefix.count), storeDirectory: storeDirectory, original: text)
    }

    /// Parses and validates a base name such as `zr2knphxg8yyy2mkq8akf2hfknjvdiz7-x`.
    ///
    /// - Throws: ``StorePathError`` naming the rule the base name breaks.
    public init(baseName: some StringProtocol, storeDirectory: String = StorePath.defaultStoreDirectory) throws(StorePathError) {
        try self.init(baseName: Substring(baseName), storeDirectory: storeDirectory, original: String(baseName))
    }

    private init(baseName: Substring, storeDirectory: String, original: String) throws(StorePathError) {
        let bytes = Array(baseName.utf8)
        if bytes.contains(UInt8(ascii: "/")) {
            throw .containsSlash(original)
        }
        guard bytes.count > Self.hashPartLength, bytes[Self.hashPartLength] == UInt8(ascii: "-") else {
            throw .missingHashPart(original)
        }
        for (offset, byte) in bytes[0..<Self.hashPartLength].enumerated() where NixBase32.values[Int(byte)] == 0xFF {
            throw .invalidHashCharacter(original, character: String(decoding: [byte], as: UTF8.self), offset: offset)
        }
        let nameBytes = Array(bytes[(Self.hashPartLength + 1)...])
        try Self.validate(name: nameBytes, in: original)
        self.storeDirectory = storeDirectory
        self.hashPart = String(decoding: bytes[0..<Self.hashPartLength], as: UTF8.self)
        self.name = String(decoding: nameBytes, as: UTF8.self)
    }

    static func validate(name: [UInt8], in original: String) throws(StorePathError) {
        guard !name.isEmpty else { throw .emptyName(original) }
        guard name.count <= maximumNameLength else {
            throw .nameTooLong(original, length: name.count)
        }
        for byte in name where !isNameCharacter(byte) {
            throw .invalidNameCharacter(original, character: String(decoding: [byte], as: UTF8.self))
        }
        let dot = UInt8(ascii: "."), dash = UInt8(ascii: "-")
        if name[0] == dot {
            if name.count == 1 || name[1] == dash
                || (name[1] == dot && (name.count == 2 || name[2] == dash)) {
                throw .reservedName(original)
            }
        }
    }

    static func isNameCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
             UInt8(ascii: "?"), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }

    /// Byte-wise order of the full paths (the order of base names within one store).
    public static func < (lhs: StorePath, rhs: StorePath) -> Bool {
        lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8)
    }
}
