import Testing
@testable import RunnerConfiguration

@Suite("TOML keys and tables")
struct TOMLParserTableTests {
    @Test func keysKeepOrderAndLines() throws {
        let table = try TOMLParser.parse("""
            # comment
            b = 1

            a = 2
            "quoted key" = 3
            'literal.key' = 4
            bare-key_9 = 5
            """)
        #expect(table.keys == ["b", "a", "quoted key", "literal.key", "bare-key_9"])
        #expect(table.line(of: "b") == 2)
        #expect(table.line(of: "a") == 4)
        #expect(table.line(of: "bare-key_9") == 7)
        #expect(table.line(of: "missing") == nil)
    }

    @Test func dottedKeysCreateNestedTables() throws {
        let table = try TOMLParser.parse("""
            site."google.com" = true
            physical . color = "orange"
            physical.shape = "round"
            """)
        #expect(table["site"] == .table(["google.com": .bool(true)]))
        #expect(table["physical"] == .table(["color": .string("orange"), "shape": .string("round")]))
    }

    @Test func tablesAndSubtables() throws {
        let table = try TOMLParser.parse("""
            top = 0
            [server]
            host = "a"
            [server.tls]
            enabled = true
            [x.y.z]
            w = 1
            [x]
            v = 2
            """)
        #expect(table["top"] == .integer(0))
        #expect(table["server"] == .table(["host": .string("a"), "tls": .table(["enabled": .bool(true)])]))
        #expect(table["x"] == .table(["y": .table(["z": .table(["w": .integer(1)])]), "v": .integer(2)]))
        guard case .table(let server)? = table["server"] else {
            Issue.record("server is not a table")
            return
        }
        #expect(server.line == 2)
        #expect(server.line(of: "tls") == 4)
    }

    @Test func arraysOfTables() throws {
        let table = try TOMLParser.parse("""
            [[runners]]
            name = "one"
            [runners.extra]
            k = 1
            [[runners]]
            name = "two"
            [[runners.steps]]
            run = "a"
            [[runners.steps]]
            run = "b"
            """)
        guard case .array(let runners)? = table["runners"], runners.count == 2,
              case .table(let first) = runners[0], case .table(let second) = runners[1] else {
            Issue.record("runners is not an array of two tables: \(String(describing: table["runners"]))")
            return
        }
        #expect(first == ["name": .string("one"), "extra": .table(["k": .integer(1)])])
        #expect(second["steps"] == .array([.table(["run": .string("a")]), .table(["run": .string("b")])]))
        #expect(first.line == 1)
        #expect(second.line == 5)
        #expect(table.line(of: "runners") == 1)
    }

    @Test func emptyDocumentAndWhitespace() throws {
        #expect(try TOMLParser.parse("").isEmpty)
        #expect(try TOMLParser.parse("\n  # only a comment\r\n\t\n").isEmpty)
        #expect(try TOMLParser.parse("\u{FEFF}a = 1")["a"] == .integer(1))
    }
}
