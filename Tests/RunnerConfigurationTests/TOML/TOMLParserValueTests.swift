import Testing
@testable import RunnerConfiguration

/// Parses `key = <literal>` and returns the value of `key`.
private func value(_ literal: String) throws -> TOMLValue? {
    try TOMLParser.parse("key = \(literal)")["key"]
}

@Suite("TOML values")
struct TOMLParserValueTests {
    @Test func basicStringEscapes() throws {
        #expect(try value(#""a\nb\tc\"d\\e""#) == .string("a\nb\tc\"d\\e"))
        #expect(try value(#""\b\f\r""#) == .string("\u{08}\u{0C}\r"))
        #expect(try value(#""caf\u00E9 \U0001F600""#) == .string("café 😀"))
        #expect(try value(#""""#) == .string(""))
        #expect(try value(##""# not a comment""##) == .string("# not a comment"))
    }

    @Test func literalStringsKeepBackslashes() throws {
        #expect(try value(#"'C:\Users\nobody'"#) == .string(#"C:\Users\nobody"#))
        #expect(try value("''") == .string(""))
    }

    @Test func multilineBasicStrings() throws {
        let document = "key = \"\"\"\nline one\nline \\\"two\\\"\n\"\"\""
        #expect(try TOMLParser.parse(document)["key"] == .string("line one\nline \"two\"\n"))

        let folded = "key = \"\"\"\\\n    The quick \\\n\n    fox.\"\"\""
        #expect(try TOMLParser.parse(folded)["key"] == .string("The quick fox."))

        let quotes = "key = \"\"\"two \"\" quotes and one at the end\"\"\"\""
        #expect(try TOMLParser.parse(quotes)["key"] == .string("two \"\" quotes and one at the end\""))

        let crlf = "key = \"\"\"\r\na\r\nb\"\"\""
        #expect(try TOMLParser.parse(crlf)["key"] == .string("a\nb"))
    }

    @Test func multilineLiteralStrings() throws {
        let document = "key = '''\nno \\escapes\\ here\n  indented'''"
        #expect(try TOMLParser.parse(document)["key"] == .string("no \\escapes\\ here\n  indented"))
        let quotes = "key = '''it''s '''''"
        #expect(try TOMLParser.parse(quotes)["key"] == .string("it''s ''"))
    }

    @Test func integers() throws {
        #expect(try value("42") == .integer(42))
        #expect(try value("+17") == .integer(17))
        #expect(try value("-17") == .integer(-17))
        #expect(try value("0") == .integer(0))
        #expect(try value("1_000_000") == .integer(1_000_000))
        #expect(try value("0xDEAD_beef") == .integer(0xDEAD_BEEF))
        #expect(try value("0o755") == .integer(0o755))
        #expect(try value("0b1101") == .integer(13))
        #expect(try value("9223372036854775807") == .integer(.max))
        #expect(try value("-9223372036854775808") == .integer(.min))
    }

    @Test func floats() throws {
        #expect(try value("3.14") == .float(3.14))
        #expect(try value("-0.5") == .float(-0.5))
        #expect(try value("1e3") == .float(1000))
        #expect(try value("6.626E-34") == .float(6.626e-34))
        #expect(try value("1_000.000_1") == .float(1000.0001))
        #expect(try value("inf") == .float(.infinity))
        #expect(try value("-inf") == .float(-.infinity))
        guard case .float(let nan) = try value("nan") else {
            Issue.record("nan did not parse as a float")
            return
        }
        #expect(nan.isNaN)
    }

    @Test func booleans() throws {
        #expect(try value("true") == .bool(true))
        #expect(try value("false") == .bool(false))
    }

    @Test(arguments: [
        "1979-05-27T07:32:00Z",
        "1979-05-27T00:32:00.999999-07:00",
        "1979-05-27 07:32:00+01:00",
        "1979-05-27T07:32:00",
        "1979-05-27",
        "07:32:00",
        "00:32:00.999",
    ])
    func datetimesAreKeptAsStrings(_ datetime: String) throws {
        #expect(try value(datetime) == .string(datetime))
    }

    @Test func arrays() throws {
        #expect(try value("[]") == .array([]))
        #expect(try value("[1, 2, 3]") == .array([.integer(1), .integer(2), .integer(3)]))
        #expect(try value(#"["a", 1, true, [2.5]]"#) == .array([.string("a"), .integer(1), .bool(true), .array([.float(2.5)])]))
        let multiline = """
            key = [
              "one", # first
              # a comment line
              "two",
            ]
            """
        #expect(try TOMLParser.parse(multiline)["key"] == .array([.string("one"), .string("two")]))
    }

    @Test func inlineTables() throws {
        #expect(try value("{}") == .table([:]))
        let parsed = try value(#"{ name = "x", point = { x = 1, y = 2 }, a.b = true }"#)
        let expected: TOMLTable = [
            "name": .string("x"),
            "point": .table(["x": .integer(1), "y": .integer(2)]),
            "a": .table(["b": .bool(true)]),
        ]
        #expect(parsed == .table(expected))
        #expect(try value(#"[{ a = 1 }, { a = 2 }]"#) == .array([.table(["a": .integer(1)]), .table(["a": .integer(2)])]))
    }
}
