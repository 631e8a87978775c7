/// How a delete treats dependents.
public enum PropagationPolicy: String, Sendable, Hashable, Codable {
    /// Delete the owner now; the garbage collector removes dependents afterwards (default for pods).
    case background = "Background"
    /// The owner stays (with finalizer `foregroundDeletion`) until its dependents are gone.
    case foreground = "Foreground"
    /// Dependents keep living without the owner.
    case orphan = "Orphan"
}
