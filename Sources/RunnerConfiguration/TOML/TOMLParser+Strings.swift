extension TOMLParser {
    /// Parses `"…"` with escapes; the current scalar is the opening quote.
    mutating func parseBasicString() throws(TOMLParseError) -> String {
        let start = Position(line: line, column: column)
        advance()
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = peek() else {
                throw error("unterminated string started at column \(start.column): expected a closing `\"`, found end of file")
            }
            if isNewlineStart() || scalar == "\r" {
                throw error("unterminated string started at column \(start.column): expected a closing `\"` before the end of the line; use \"\"\" for multi-line strings")
            }
            switch scalar {
            case "\"":
                advance()
                return String(text)
            case "\\":
                text.append(try parseEscape())
            default:
                if Self.isForbiddenControl(scalar) {
                    throw error("control character \(Self.codePoint(scalar)) must be escaped in a string, e.g. as \\u\(Self.codePoint(scalar).dropFirst(2))")
                }
                text.append(scalar)
                advance()
            }
        }
    }

    /// Parses `'…'` verbatim; the current scalar is the opening quote.
    mutating func parseLiteralString() throws(TOMLParseError) -> String {
        let start = Position(line: line, column: column)
        advance()
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = peek() else {
                throw error("unterminated literal string started at column \(start.column): expected a closing `'`, found end of file")
            }
            if isNewlineStart() || scalar == "\r" {
                throw error("unterminated literal string started at column \(start.column): expected a closing `'` before the end of the line; use ''' for multi-line strings")
            }
            if scalar == "'" {
                advance()
                return String(text)
            }
            if Self.isForbiddenControl(scalar) {
                throw error("control character \(Self.codePoint(scalar)) is not allowed in a literal string; use a \"basic string\" with an escape")
            }
            text.append(scalar)
            advance()
        }
    }

    /// Parses `"""…"""`; the current scalar is the first opening quote.
    mutating func parseMultilineBasicString() throws(TOMLParseError) -> String {
        let start = Position(line: line, column: column)
        index += 3
        if isNewlineStart() { try consumeNewline() }
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = peek() else {
                throw error("unterminated multi-line string started at line \(start.line), column \(start.column): expected closing `\"\"\"`, found end of file")
            }
            if isNewlineStart() {
                try consumeNewline()
                text.append("\n")
                continue
            }
            switch scalar {
            case "\"":
                if try closeMultiline(quote: "\"", into: &text) { return String(text) }
            case "\\":
                if try skipLineEndingBackslash() { continue }
                text.append(try parseEscape())
            default:
                if Self.isForbiddenControl(scalar) {
                    throw error("control character \(Self.codePoint(scalar)) must be escaped in a string, e.g. as \\u\(Self.codePoint(scalar).dropFirst(2))")
                }
                text.append(scalar)
                advance()
            }
        }
    }

    /// Parses `'''…'''`; the current scalar is the first opening quote.
    mutating func parseMultilineLiteralString() throws(TOMLParseError) -> String {
        let start = Position(line: line, column: column)
        index += 3
        if isNewlineStart() { try consumeNewline() }
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = peek() else {
                throw error("unterminated multi-line literal string started at line \(start.line), column \(start.column): expected closing `'''`, found end of file")
            }
            if isNewlineStart() {
                try consumeNewline()
                text.append("\n")
                continue
            }
            if scalar == "'" {
                if try closeMultiline(quote: "'", into: &text) { return String(text) }
                continue
            }
            if Self.isForbiddenControl(scalar) {
                throw error("control character \(Self.codePoint(scalar)) is not allowed in a literal string; use a \"\"\"basic string\"\"\" with an escape")
            }
            text.append(scalar)
            advance()
        }
    }

    /// At a run of `quote` scalars inside a multi-line string: appends the
    /// quotes that belong to the content and returns whether the run closed
    /// the string. Up to two quotes may directly precede the closing three.
    private mutating func closeMultiline(quote: Unicode.Scalar, into text: inout String.UnicodeScalarView) throws(TOMLParseError) -> Bool {
        var run = 0
        while peek(run) == quote { run += 1 }
        if run < 3 {
            for _ in 0..<run { text.append(quote) }
            index += run
            return false
        }
        if run > 5 {
            index += 5
            throw error("too many `\(quote)` at the end of a multi-line string: at most two may precede the closing \(String(repeating: String(quote), count: 3))")
        }
        for _ in 0..<(run - 3) { text.append(quote) }
        index += run
        return true
    }

    /// At a `\` in a multi-line basic string: if only whitespace follows it
    /// on the line, skips it and all whitespace and newlines after it.
    private mutating func skipLineEndingBackslash() throws(TOMLParseError) -> Bool {
        var offset = 1
        while let scalar = peek(offset), scalar == " " || scalar == "\t" { offset += 1 }
        guard peek(offset) == "\n" || (peek(offset) == "\r" && peek(offset + 1) == "\n") else {
            return false
        }
        index += offset
        while true {
            skipWhitespace()
            guard isNewlineStart() else { return true }
            try consumeNewline()
        }
    }

    /// Parses an escape sequence; the current scalar is the backslash.
    private mutating func parseEscape() throws(TOMLParseError) -> Unicode.Scalar {
        let start = Position(line: line, column: column)
        advance()
        guard let escape = peek(), !isNewlineStart() else {
            throw error("expected an escape character after `\\`, found \(describeCurrent()); valid escapes are \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX", at: start)
        }
        advance()
        switch escape {
        case "b": return "\u{08}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{0C}"
        case "r": return "\r"
        case "\"": return "\""
        case "\\": return "\\"
        case "u": return try parseUnicodeEscape(digits: 4, start: start)
        case "U": return try parseUnicodeEscape(digits: 8, start: start)
        default:
            throw error("invalid escape sequence `\\\(escape)`; valid escapes are \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX (write \\\\ for a backslash)", at: start)
        }
    }

    private mutating func parseUnicodeEscape(digits: Int, start: Position) throws(TOMLParseError) -> Unicode.Scalar {
        var value: UInt32 = 0
        var hex = ""
        for _ in 0..<digits {
            guard let scalar = peek(), scalar.isASCII, let digit = Int(String(scalar), radix: 16) else {
                let letter = digits == 4 ? "u" : "U"
                throw error("invalid escape `\\\(letter)\(hex)`: expected \(digits) hexadecimal digits, found \(describeCurrent())", at: start)
            }
            hex.unicodeScalars.append(scalar)
            value = value * 16 + UInt32(digit)
            advance()
        }
        guard let scalar = Unicode.Scalar(value) else {
            let letter = digits == 4 ? "u" : "U"
            throw error("invalid escape `\\\(letter)\(hex)`: not a Unicode scalar value (surrogates and values above 10FFFF are not allowed)", at: start)
        }
        return scalar
    }
}
