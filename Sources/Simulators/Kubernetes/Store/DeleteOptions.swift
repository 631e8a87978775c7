/// The parsed `DeleteOptions` of a DELETE (query parameters, then the body, which wins).
struct DeleteOptions: Sendable, Hashable {
    /// `Orphan`, `Background` or `Foreground`.
    enum Propagation: String, Sendable {
        case orphan = "Orphan"
        case background = "Background"
        case foreground = "Foreground"
    }

    var gracePeriodSeconds: Int64?
    var propagation: Propagation?
    var preconditionUID: String?
    var preconditionResourceVersion: String?
    var dryRun = false
}
