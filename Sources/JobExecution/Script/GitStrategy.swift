/// `GIT_STRATEGY`: how get_sources prepares the project directory.
public enum GitStrategy: String, Sendable, Equatable {
    /// Remove the directory, then initialise and fetch afresh.
    case clone
    /// Reuse the repository in the directory, fetch what changed.
    case fetch
    /// Leave the directory alone (create it if missing).
    case none
    /// Remove the directory and leave it empty.
    case empty
}
