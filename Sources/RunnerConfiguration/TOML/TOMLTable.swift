/// A TOML table: keys in the order they were defined, each with the line of
/// the document where it was defined (for error messages).
///
/// Equality compares keys and values only; key order and line numbers are
/// ignored, as TOML tables are unordered.
public struct TOMLTable: Sendable, Equatable {
    /// One key of a table with its value and the line where it was defined.
    public struct Entry: Sendable, Equatable {
        /// The key, unquoted (a single segment, never a dotted path).
        public let key: String
        /// The key's value.
        public var value: TOMLValue
        /// The 1-based line where the key was defined, or 0 when unknown.
        public var line: Int
    }

    /// The entries in definition order.
    public private(set) var entries: [Entry] = []
    private var positions: [String: Int] = [:]

    /// The 1-based line where the table was defined (its `[header]`,
    /// `[[header]]`, first dotted key or `{`), 1 for the root table and 0
    /// when unknown.
    public var line: Int

    /// Creates an empty table defined at `line`.
    public init(line: Int = 0) {
        self.line = line
    }

    /// The keys in definition order.
    public var keys: [String] { entries.map(\.key) }

    /// The number of keys.
    public var count: Int { entries.count }

    /// Whether the table has no keys.
    public var isEmpty: Bool { entries.isEmpty }

    /// The value for `key`, or `nil` when the key is absent.
    public subscript(key: String) -> TOMLValue? {
        positions[key].map { entries[$0].value }
    }

    /// The line where `key` was defined, or `nil` when the key is absent.
    public func line(of key: String) -> Int? {
        positions[key].map { entries[$0].line }
    }

    /// Sets `value` for `key`, keeping the key's position if it already
    /// exists and appending it otherwise.
    public mutating func setValue(_ value: TOMLValue, forKey key: String, line: Int = 0) {
        if let position = positions[key] {
            entries[position].value = value
            entries[position].line = line
        } else {
            positions[key] = entries.count
            entries.append(Entry(key: key, value: value, line: line))
        }
    }

    /// Whether both tables have the same keys with equal values, regardless
    /// of key order and line numbers.
    public static func == (lhs: TOMLTable, rhs: TOMLTable) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.entries.allSatisfy { entry in rhs[entry.key] == entry.value }
    }
}
