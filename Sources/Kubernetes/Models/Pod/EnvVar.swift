/// An environment variable: a literal `value` or a `valueFrom` reference.
///
/// Masked CI variables belong in a Secret (`valueFrom.secretKeyRef`), never in `value`: anyone who can read
/// the pod can read its spec.
public struct EnvVar: Codable, Hashable, Sendable {
    public var name: String
    public var value: String?
    public var valueFrom: EnvVarSource?

    public init(name: String, value: String? = nil, valueFrom: EnvVarSource? = nil) {
        self.name = name
        self.value = value
        self.valueFrom = valueFrom
    }
}
