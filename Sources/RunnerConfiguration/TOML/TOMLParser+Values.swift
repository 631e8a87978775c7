extension TOMLParser {
    /// Parses any value at the current position.
    mutating func parseValue() throws(TOMLParseError) -> TOMLValue {
        guard let scalar = peek(), !isNewlineStart() else {
            throw error("expected a value (string, number, boolean, datetime, array or inline table), found \(describeCurrent())")
        }
        switch scalar {
        case "\"":
            if peek(1) == "\"", peek(2) == "\"" {
                return .string(try parseMultilineBasicString())
            }
            return .string(try parseBasicString())
        case "'":
            if peek(1) == "'", peek(2) == "'" {
                return .string(try parseMultilineLiteralString())
            }
            return .string(try parseLiteralString())
        case "[":
            return try parseArray()
        case "{":
            return try parseInlineTable()
        case "t", "f":
            return try parseBoolean()
        case "+", "-", "0"..."9", "i", "n":
            return try parseNumberOrDatetime()
        default:
            if Self.isBareKeyScalar(scalar) {
                let start = Position(line: line, column: column)
                var word = String.UnicodeScalarView()
                while let next = peek(), Self.isBareKeyScalar(next) || next == "." || next == "/" || next == ":" {
                    word.append(next)
                    advance()
                }
                throw error("expected a value, found `\(String(word))`; strings must be quoted, e.g. \"\(String(word))\"", at: start)
            }
            throw error("expected a value (string, number, boolean, datetime, array or inline table), found \(describeCurrent())")
        }
    }

    private mutating func parseBoolean() throws(TOMLParseError) -> TOMLValue {
        let start = Position(line: line, column: column)
        var word = String.UnicodeScalarView()
        while let scalar = peek(), Self.isBareKeyScalar(scalar) {
            word.append(scalar)
            advance()
        }
        switch String(word) {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case let other:
            throw error("expected a value, found `\(other)`; booleans are lowercase `true` or `false` and strings must be quoted", at: start)
        }
    }

    // MARK: - Arrays and inline tables

    private mutating func enterNesting() throws(TOMLParseError) {
        nesting += 1
        guard nesting <= Self.maximumNesting else {
            throw error("arrays and inline tables are nested more than \(Self.maximumNesting) levels deep")
        }
    }

    private mutating func parseArray() throws(TOMLParseError) -> TOMLValue {
        try enterNesting()
        defer { nesting -= 1 }
        let start = Position(line: line, column: column)
        advance()
        var elements: [TOMLValue] = []
        while true {
            try skipWhitespaceCommentsAndNewlines()
            if peek() == "]" {
                advance()
                return .array(elements)
            }
            if peek() == nil {
                throw error("unterminated array started at line \(start.line), column \(start.column): expected a value or `]`, found end of file")
            }
            elements.append(try parseValue())
            try skipWhitespaceCommentsAndNewlines()
            switch peek() {
            case ",":
                advance()
            case "]":
                advance()
                return .array(elements)
            case nil:
                throw error("unterminated array started at line \(start.line), column \(start.column): expected `,` or `]`, found end of file")
            default:
                throw error("expected `,` or `]` after an array element, found \(describeCurrent())")
            }
        }
    }

    private mutating func parseInlineTable() throws(TOMLParseError) -> TOMLValue {
        try enterNesting()
        defer { nesting -= 1 }
        let builder = TOMLTableBuilder(origin: .inline, line: line)
        advance()
        skipWhitespace()
        if peek() == "}" {
            advance()
            return .table(builder.build())
        }
        while true {
            skipWhitespace()
            if isNewlineStart() || peek() == nil {
                throw error("expected a key in inline table, found \(describeCurrent()); inline tables must be on a single line (use a [table] section for longer tables)")
            }
            if peek() == "}" {
                throw error("expected a key after `,` in inline table, found `}`; inline tables do not allow a trailing comma")
            }
            try parseKeyValue(into: builder)
            skipWhitespace()
            switch peek() {
            case ",":
                advance()
            case "}":
                advance()
                return .table(builder.build())
            default:
                if isNewlineStart() || peek() == nil {
                    throw error("expected `,` or `}` in inline table, found \(describeCurrent()); inline tables must be on a single line (use a [table] section for longer tables)")
                }
                throw error("expected `,` or `}` in inline table, found \(describeCurrent())")
            }
        }
    }
}
