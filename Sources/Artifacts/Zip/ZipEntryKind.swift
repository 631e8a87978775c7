/// What a zip entry holds.
public enum ZipEntryKind: Sendable, Equatable {
    case file(executable: Bool)
    case directory
    case symlink(target: String)
}
