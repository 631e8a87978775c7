/// Why the local Nix store could not tell what a path is.
public enum PathInfoError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The Nix database could not be opened.
    case cannotOpenDatabase(path: String, reason: String)
    /// A query against the Nix database failed.
    case queryFailed(database: String, reason: String)
    /// The path is not registered as valid (never built, garbage-collected, or a typo).
    case notValid(path: String)
    /// A row of the database does not hold what Nix writes there.
    case corruptRow(path: String, field: String, value: String)
    /// `nix-store` could not be run or failed.
    case nixStoreFailed(command: String, status: Int32, message: String)
    /// The argument is not a store path.
    case notAStorePath(String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpenDatabase(let path, let reason):
            return "cannot open the Nix database '\(path)' read-only: \(reason); run as root (or the store owner), or point --store at the right store"
        case .queryFailed(let database, let reason):
            return "query on the Nix database '\(database)' failed: \(reason)"
        case .notValid(let path):
            return "'\(path)' is not a valid store path in this store (not built yet, or garbage-collected)"
        case .corruptRow(let path, let field, let value):
            return "the Nix database row of '\(path)' has an unreadable \(field) '\(value)'"
        case .nixStoreFailed(let command, let status, let message):
            return "'\(command)' exited with status \(status): \(message)"
        case .notAStorePath(let text, let reason):
            return "'\(text)' is not a store path: \(reason)"
        }
    }
}
