/// A problem with the configuration file: which file, where, which key and
/// what to do about it.
///
/// Its description reads like `config.toml:12: runners[0].limit: must be ≥ 0, got -1`.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The configuration file's path, as given to ``AgentConfiguration/load(path:)``
    /// or ``AgentConfiguration/parse(_:path:)``.
    public var path: String
    /// The 1-based line of the problem, when it is tied to one.
    public var line: Int?
    /// The 1-based column, for TOML syntax errors.
    public var column: Int?
    /// The full key path, such as `concurrent` or `runners[1].limit`, when
    /// the problem is tied to one key.
    public var key: String?
    /// What is wrong and what to do.
    public var message: String

    /// Creates an error.
    public init(path: String, line: Int? = nil, column: Int? = nil, key: String? = nil, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    /// `path:line[:column]: [key: ]message`.
    public var description: String {
        var location = path
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        if let key {
            return "\(location): \(key): \(message)"
        }
        return "\(location): \(message)"
    }
}
