/// Why a string is not a valid store path.
public enum StorePathError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path does not start with `<storeDirectory>/`.
    case notInStore(path: String, storeDirectory: String)
    /// The base name contains `/`: a path inside a store path, not a store path.
    case containsSlash(String)
    /// There is no `<32 chars>-` prefix.
    case missingHashPart(String)
    /// A hash part character is not nix32.
    case invalidHashCharacter(String, character: String, offset: Int)
    /// Nothing follows the dash.
    case emptyName(String)
    /// The name is longer than 211 characters.
    case nameTooLong(String, length: Int)
    /// The name has a character outside `[A-Za-z0-9+-._?=]`.
    case invalidNameCharacter(String, character: String)
    /// The name is `.` or `..`, or starts with `.-` or `..-`.
    case reservedName(String)

    public var description: String {
        switch self {
        case .notInStore(let path, let storeDirectory):
            return "'\(path)' is not a store path: it does not start with '\(storeDirectory)/'"
        case .containsSlash(let path):
            return "'\(path)' is not a store path: it points inside one (contains '/' after the store directory); use the top-level store path"
        case .missingHashPart(let path):
            return "'\(path)' is not a store path: expected '<32 nix32 characters>-<name>' after the store directory"
        case .invalidHashCharacter(let path, let character, let offset):
            return "'\(path)' is not a store path: hash part character '\(character)' at offset \(offset) is not nix32 (0-9, a-z without e o u t)"
        case .emptyName(let path):
            return "'\(path)' is not a store path: the name after the hash part is empty"
        case .nameTooLong(let path, let length):
            return "'\(path)' is not a store path: the name is \(length) characters, the limit is \(StorePath.maximumNameLength)"
        case .invalidNameCharacter(let path, let character):
            return "'\(path)' is not a store path: '\(character)' is not allowed in a name (only A-Z a-z 0-9 + - . _ ? =)"
        case .reservedName(let path):
            return "'\(path)' is not a store path: the name must not be '.' or '..' nor start with '.-' or '..-'"
        }
    }
}
