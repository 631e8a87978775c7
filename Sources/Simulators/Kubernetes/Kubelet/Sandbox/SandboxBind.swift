/// A host path bound into a container at `target`.
struct SandboxBind: Sendable, Hashable {
    var source: String
    var target: String
    var readOnly: Bool
}
