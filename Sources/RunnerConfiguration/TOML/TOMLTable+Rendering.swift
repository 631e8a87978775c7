extension TOMLTable {
    /// `key` as written in TOML: bare when it only has letters, digits, `_`
    /// and `-`, otherwise as a quoted basic string.
    public static func renderedKey(_ key: String) -> String {
        let isBare = !key.isEmpty && key.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", "_", "-": true
            default: false
            }
        }
        return isBare ? key : TOMLValue.string(key).tomlLiteral
    }

    /// The table as a single-line inline table, e.g. `{ a = 1, b = "x" }`.
    public var inlineLiteral: String {
        if isEmpty { return "{}" }
        let pairs = entries.map { "\(Self.renderedKey($0.key)) = \($0.value.tomlLiteral)" }
        return "{ " + pairs.joined(separator: ", ") + " }"
    }
}
