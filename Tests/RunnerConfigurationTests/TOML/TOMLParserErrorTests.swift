import Testing
@testable import RunnerConfiguration

/// The error thrown when parsing `text`.
private func failure(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> TOMLParseError {
    try #require(throws: TOMLParseError.self, sourceLocation: sourceLocation) {
        try TOMLParser.parse(text)
    }
}

@Suite("TOML errors")
struct TOMLParserErrorTests {
    @Test func errorsGiveLineColumnAndExpectation() throws {
        let error = try failure("a = 1\nname: \"x\"")
        #expect(error.line == 2)
        #expect(error.column == 5)
        #expect(error.message.contains("expected `=` after key `name`"))
        #expect(error.message.contains("found `:`"))
        #expect(error.description.hasPrefix("2:5: "))
    }

    @Test func missingValue() throws {
        let error = try failure("a =\n")
        #expect(error.line == 1)
        #expect(error.column == 4)
        #expect(error.message.contains("expected a value"))
        #expect(error.message.contains("end of line"))
    }

    @Test func unquotedStringSuggestsQuotes() throws {
        let error = try failure("shell = bash")
        #expect(error.column == 9)
        #expect(error.message.contains("strings must be quoted, e.g. \"bash\""))
    }

    @Test func duplicateKeys() throws {
        let error = try failure("a = 1\nb = 2\na = 3")
        #expect(error.line == 3)
        #expect(error.message.contains("duplicate key `a`"))
        #expect(error.message.contains("line 1"))

        let dotted = try failure("a.b = 1\na.b = 2")
        #expect(dotted.line == 2)
        #expect(dotted.message.contains("duplicate key `a.b`"))
    }

    @Test func duplicateTables() throws {
        let error = try failure("[a]\nx = 1\n[a]\ny = 2")
        #expect(error.line == 3)
        #expect(error.message.contains("duplicate table `[a]`"))
        #expect(error.message.contains("line 1"))
    }

    @Test func tableRedefinitionRules() throws {
        #expect(try failure("a = 1\n[a]").message.contains("already an integer value"))
        #expect(try failure("[[a]]\n[a]").message.contains("use `[[a]]`"))
        #expect(try failure("[a]\n[[a]]").message.contains("already a table"))
        #expect(try failure("a = [1]\n[[a]]").message.contains("cannot be extended"))
        #expect(try failure("a = { b = 1 }\na.c = 2").message.contains("inline table"))
        #expect(try failure("a = { b = 1 }\n[a.c]").message.contains("inline table"))
        #expect(try failure("[a]\nb.c = 1\n[a.b]").message.contains("dotted keys"))
        #expect(try failure("[a.b]\n[a]\nb.c = 1").message.contains("by a [header]"))
    }

    @Test func invalidEscapes() throws {
        let error = try failure(#"a = "bad \q escape""#)
        #expect(error.column == 10)
        #expect(error.message.contains("invalid escape sequence `\\q`"))
        #expect(try failure(#"a = "\u12""#).message.contains("expected 4 hexadecimal digits"))
        #expect(try failure(#"a = "\uD800""#).message.contains("not a Unicode scalar value"))
    }

    @Test func unterminatedStrings() throws {
        #expect(try failure("a = \"open\nb = 1").message.contains("unterminated string"))
        #expect(try failure("a = 'open").message.contains("unterminated literal string"))
        let multiline = try failure("a = \"\"\"\nnever closed\n")
        #expect(multiline.message.contains("started at line 1"))
    }

    @Test func controlCharactersMustBeEscaped() throws {
        #expect(try failure("a = \"x\u{01}y\"").message.contains("U+0001"))
    }

    @Test(arguments: [
        ("a = 012", "leading zeros"),
        ("a = 1__2", "between two digits"),
        ("a = _1", "expected a value"),
        ("a = 1_", "between two digits"),
        ("a = 0x", "expected hexadecimal digits"),
        ("a = 0b102", "not a base-2 digit"),
        ("a = 99999999999999999999", "does not fit in 64 bits"),
        ("a = 1.", "digits after `.`"),
        ("a = .5", "expected a value"),
        ("a = 1e", "after the exponent"),
        ("a = 1979-13-01", "invalid datetime"),
        ("a = 12:61:00", "invalid datetime"),
    ])
    func invalidNumbers(_ document: String, _ expected: String) throws {
        let error = try failure(document)
        #expect(error.message.contains(expected), "\(error.message)")
        #expect(error.line == 1)
    }

    @Test func arrayErrors() throws {
        let error = try failure("a = [1, 2\nb = 3")
        #expect(error.line == 2)
        #expect(error.message.contains("expected `,` or `]`"))
        #expect(try failure("a = [,]").message.contains("expected a value"))
        #expect(try failure("a = [1").message.contains("unterminated array"))
    }

    @Test func inlineTableErrors() throws {
        #expect(try failure("a = { b = 1, }").message.contains("trailing comma"))
        #expect(try failure("a = { b = 1\n}").message.contains("single line"))
        #expect(try failure("a = { b = 1, b = 2 }").message.contains("duplicate key `b`"))
    }

    @Test func headerErrors() throws {
        #expect(try failure("[a").message.contains("expected `]`"))
        #expect(try failure("[[a]").message.contains("expected `]]`"))
        #expect(try failure("[]").message.contains("expected a key"))
    }

    @Test func trailingGarbageAfterValue() throws {
        let error = try failure("a = 1 b = 2")
        #expect(error.column == 7)
        #expect(error.message.contains("expected a newline or comment"))
    }

    @Test func deepNestingIsRejected() throws {
        let deep = "a = " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(try failure(deep).message.contains("nested more than"))
    }
}
