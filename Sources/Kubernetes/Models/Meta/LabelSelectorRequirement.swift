/// One expression of a ``LabelSelector``: `key` `In`/`NotIn`/`Exists`/`DoesNotExist` `values`.
public struct LabelSelectorRequirement: Codable, Hashable, Sendable {
    public var key: String
    public var `operator`: String
    public var values: [String]?

    public init(key: String, operator: String, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }
}
