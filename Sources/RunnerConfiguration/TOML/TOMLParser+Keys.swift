extension TOMLParser {
    /// A possibly dotted key such as `a."b.c".d`.
    struct Key {
        /// The unquoted segments.
        var parts: [String]

        /// The key as it would be written, quoting segments that are not bare.
        var dotted: String {
            parts.map(TOMLTable.renderedKey).joined(separator: ".")
        }
    }

    static func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": true
        default: false
        }
    }

    /// Parses a bare, quoted or dotted key.
    mutating func parseKey() throws(TOMLParseError) -> Key {
        var parts: [String] = []
        while true {
            parts.append(try parseSimpleKey())
            skipWhitespace()
            guard peek() == "." else { break }
            advance()
            skipWhitespace()
        }
        return Key(parts: parts)
    }

    private mutating func parseSimpleKey() throws(TOMLParseError) -> String {
        switch peek() {
        case "\"":
            if peek(1) == "\"", peek(2) == "\"" {
                throw error("multi-line strings cannot be used as keys; use a \"quoted\" or bare key")
            }
            return try parseBasicString()
        case "'":
            if peek(1) == "'", peek(2) == "'" {
                throw error("multi-line strings cannot be used as keys; use a 'quoted' or bare key")
            }
            return try parseLiteralString()
        case let scalar? where Self.isBareKeyScalar(scalar):
            var key = String.UnicodeScalarView()
            while let scalar = peek(), Self.isBareKeyScalar(scalar) {
                key.append(scalar)
                advance()
            }
            return String(key)
        default:
            throw error("expected a key (bare letters, digits, `_` and `-`, or a quoted \"key\"), found \(describeCurrent())")
        }
    }
}
