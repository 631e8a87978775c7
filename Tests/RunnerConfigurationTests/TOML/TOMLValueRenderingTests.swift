import Testing
@testable import RunnerConfiguration

@Suite("TOML rendering")
struct TOMLValueRenderingTests {
    @Test(arguments: [
        TOMLValue.string("plain"),
        .string("quote \" backslash \\ newline \n tab \t cr \r bell \u{07} del \u{7F} é 😀"),
        .string(""),
        .integer(-42),
        .integer(.max),
        .float(0.1),
        .float(-1e300),
        .float(.infinity),
        .bool(false),
        .array([.integer(1), .string("two"), .array([])]),
        .table(["a": .integer(1), "needs quoting": .string("x"), "": .bool(true)]),
    ])
    func literalsParseBackToTheSameValue(_ value: TOMLValue) throws {
        let parsed = try TOMLParser.parse("key = \(value.tomlLiteral)")
        #expect(parsed["key"] == value)
    }

    @Test func stringEscaping() {
        #expect(TOMLValue.string("a\"b\\c\n").tomlLiteral == #""a\"b\\c\n""#)
        #expect(TOMLValue.string("\u{01}").tomlLiteral == #""\u0001""#)
    }

    @Test func keyRendering() {
        #expect(TOMLTable.renderedKey("bare_key-1") == "bare_key-1")
        #expect(TOMLTable.renderedKey("a.b") == #""a.b""#)
        #expect(TOMLTable.renderedKey("") == #""""#)
    }
}
