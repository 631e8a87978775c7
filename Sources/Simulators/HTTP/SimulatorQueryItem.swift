/// One `name=value` pair of a request's query string, percent-decoded.
public struct SimulatorQueryItem: Sendable, Hashable {
    /// The decoded name.
    public var name: String
    /// The decoded value; `nil` when the item had no `=`.
    public var value: String?

    /// Creates a query item.
    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }
}
