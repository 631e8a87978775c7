/// A parser for TOML 1.0 documents, producing a ``TOMLTable`` tree.
///
/// Supported: comments; bare, quoted and dotted keys; `[table]` and
/// `[[array.of.tables]]` headers; basic, literal and multi-line strings with
/// all TOML 1.0 escapes; decimal, hexadecimal, octal and binary integers;
/// floats (including `inf` and `nan`); booleans; arrays (multi-line, with
/// trailing commas and comments); inline tables. Datetimes are validated and
/// kept as strings. Duplicate keys and table redefinitions are errors.
public struct TOMLParser {
    /// The deepest nesting of arrays and inline tables accepted.
    static let maximumNesting = 128

    let scalars: [Unicode.Scalar]
    var index = 0
    var line = 1
    var lineStart = 0
    var nesting = 0

    private init(text: String) {
        scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" {
            index = 1
            lineStart = 1
        }
    }

    /// Parses `text` as a TOML document and returns its root table.
    ///
    /// - Throws: ``TOMLParseError`` with the line and column of the first
    ///   problem and what was expected there.
    public static func parse(_ text: String) throws(TOMLParseError) -> TOMLTable {
        var parser = TOMLParser(text: text)
        return try parser.parseDocument()
    }

    private mutating func parseDocument() throws(TOMLParseError) -> TOMLTable {
        let root = TOMLTableBuilder(origin: .header, line: 1)
        var current = root
        while true {
            skipWhitespace()
            guard let scalar = peek() else { break }
            if isNewlineStart() {
                try consumeNewline()
                continue
            }
            if scalar == "#" {
                try skipComment()
                continue
            }
            if scalar == "[" {
                current = try parseHeader(root: root)
            } else {
                try parseKeyValue(into: current)
            }
            try expectEndOfLine()
        }
        return root.build()
    }

    // MARK: - Headers and key/value pairs

    private mutating func parseHeader(root: TOMLTableBuilder) throws(TOMLParseError) -> TOMLTableBuilder {
        let headerLine = line
        let headerColumn = column
        advance()
        let isArray = peek() == "["
        if isArray { advance() }
        skipWhitespace()
        let key = try parseKey()
        skipWhitespace()
        let closing = isArray ? "]]" : "]"
        guard peek() == "]", !isArray || peek(1) == "]" else {
            throw error("expected `\(closing)` to close table header `\(isArray ? "[[" : "[")\(key.dotted)\(closing)`, found \(describeCurrent())")
        }
        advance()
        if isArray { advance() }
        let position = Position(line: headerLine, column: headerColumn)
        if isArray {
            return try root.appendTableArrayElement(at: key.parts, line: headerLine, position: position)
        }
        return try root.defineTable(at: key.parts, line: headerLine, position: position)
    }

    mutating func parseKeyValue(into table: TOMLTableBuilder) throws(TOMLParseError) {
        let keyLine = line
        let keyPosition = Position(line: line, column: column)
        let key = try parseKey()
        skipWhitespace()
        guard peek() == "=" else {
            throw error("expected `=` after key `\(key.dotted)`, found \(describeCurrent())")
        }
        advance()
        skipWhitespace()
        let value = try parseValue()
        try table.insertValue(value, at: key.parts, line: keyLine, position: keyPosition)
    }

    // MARK: - Scanning

    /// A line and column in the document.
    struct Position {
        let line: Int
        let column: Int
    }

    var column: Int { index - lineStart + 1 }

    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let position = index + offset
        return position < scalars.count ? scalars[position] : nil
    }

    /// Moves past the current scalar, which must not start a newline.
    mutating func advance() {
        index += 1
    }

    func isNewlineStart() -> Bool {
        peek() == "\n" || (peek() == "\r" && peek(1) == "\n")
    }

    mutating func consumeNewline() throws(TOMLParseError) {
        if peek() == "\r" {
            guard peek(1) == "\n" else {
                throw error("a carriage return must be followed by a line feed")
            }
            index += 1
        }
        index += 1
        line += 1
        lineStart = index
    }

    mutating func skipWhitespace() {
        while let scalar = peek(), scalar == " " || scalar == "\t" {
            advance()
        }
    }

    mutating func skipComment() throws(TOMLParseError) {
        advance()
        while let scalar = peek(), !isNewlineStart() {
            if Self.isForbiddenControl(scalar) {
                throw error("control character \(Self.codePoint(scalar)) is not allowed in a comment")
            }
            advance()
        }
    }

    /// Skips whitespace, comments and newlines (inside arrays).
    mutating func skipWhitespaceCommentsAndNewlines() throws(TOMLParseError) {
        while true {
            skipWhitespace()
            if isNewlineStart() {
                try consumeNewline()
            } else if peek() == "#" {
                try skipComment()
            } else {
                return
            }
        }
    }

    private mutating func expectEndOfLine() throws(TOMLParseError) {
        skipWhitespace()
        if peek() == "#" {
            try skipComment()
        }
        guard peek() != nil else { return }
        guard isNewlineStart() else {
            throw error("expected a newline or comment after the value, found \(describeCurrent()); put each key/value pair and table header on its own line")
        }
        try consumeNewline()
    }

    // MARK: - Errors

    func error(_ message: String) -> TOMLParseError {
        TOMLParseError(line: line, column: column, message: message)
    }

    func error(_ message: String, at position: Position) -> TOMLParseError {
        TOMLParseError(line: position.line, column: position.column, message: message)
    }

    /// Describes the scalar at the current position for "found …" messages.
    func describeCurrent() -> String {
        guard let scalar = peek() else { return "end of file" }
        if isNewlineStart() { return "end of line" }
        return Self.describe(scalar)
    }

    static func describe(_ scalar: Unicode.Scalar) -> String {
        if isForbiddenControl(scalar) || scalar == "\t" || scalar == "\r" {
            return "control character \(codePoint(scalar))"
        }
        return scalar == "`" ? "'`'" : "`\(scalar)`"
    }

    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Control characters that TOML forbids in strings and comments
    /// (everything below U+0020 except tab, and U+007F).
    static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
    }
}
