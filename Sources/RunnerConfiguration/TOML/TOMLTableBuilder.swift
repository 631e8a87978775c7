/// A mutable table used while parsing, which tracks how each table was
/// defined so that TOML's redefinition rules can be enforced.
final class TOMLTableBuilder {
    /// How a table came to exist.
    enum Origin {
        /// Created as a parent of a `[a.b]` header; may be defined later.
        case implicit
        /// Defined by a `[header]` or `[[header]]` (or the root table).
        case header
        /// Created by a dotted key such as `a.b = 1`.
        case dotted
        /// An inline table `{ … }`; sealed once parsed.
        case inline
    }

    /// What a key holds.
    enum Slot {
        case value(TOMLValue)
        case table(TOMLTableBuilder)
        case tableArray([TOMLTableBuilder])
    }

    struct Entry {
        var slot: Slot
        var line: Int
    }

    var origin: Origin
    var line: Int
    private var order: [String] = []
    private var entries: [String: Entry] = [:]

    init(origin: Origin, line: Int) {
        self.origin = origin
        self.line = line
    }

    /// Converts the builder tree to a ``TOMLTable``.
    func build() -> TOMLTable {
        var table = TOMLTable(line: line)
        for key in order {
            guard let entry = entries[key] else { continue }
            let value: TOMLValue = switch entry.slot {
            case .value(let value): value
            case .table(let child): .table(child.build())
            case .tableArray(let children): .array(children.map { .table($0.build()) })
            }
            table.setValue(value, forKey: key, line: entry.line)
        }
        return table
    }

    private func set(_ slot: Slot, for key: String, line: Int) {
        if entries[key] == nil { order.append(key) }
        entries[key] = Entry(slot: slot, line: line)
    }

    private static func dotted(_ parts: ArraySlice<String>) -> String {
        parts.map(TOMLTable.renderedKey).joined(separator: ".")
    }

    /// Describes what `entry` holds, for "already defined as …" messages.
    private static func describe(_ entry: Entry) -> String {
        switch entry.slot {
        case .value(.table): "an inline table"
        case .value(let value): (value.typeName.first.map { "aeiou".contains($0) } == true ? "an " : "a ") + "\(value.typeName) value"
        case .table: "a table"
        case .tableArray: "an array of tables"
        }
    }

    // MARK: - Headers

    /// Walks the parents of a `[header]`/`[[header]]` path, creating
    /// implicit tables as needed and entering the last element of arrays of
    /// tables.
    private func headerParent(for parts: [String], position: TOMLParser.Position) throws(TOMLParseError) -> TOMLTableBuilder {
        var table = self
        for (offset, part) in parts.dropLast().enumerated() {
            switch table.entries[part]?.slot {
            case nil:
                let child = TOMLTableBuilder(origin: .implicit, line: position.line)
                table.set(.table(child), for: part, line: position.line)
                table = child
            case .table(let child):
                table = child
            case .tableArray(let children):
                table = children[children.count - 1]
            case .value?:
                let entry = table.entries[part]!
                throw Self.error(position, "cannot use `\(Self.dotted(parts[...offset]))` as a table: it is already \(Self.describe(entry)) defined at line \(entry.line)")
            }
        }
        return table
    }

    /// Handles `[parts]`: defines the table and returns it.
    func defineTable(at parts: [String], line: Int, position: TOMLParser.Position) throws(TOMLParseError) -> TOMLTableBuilder {
        let parent = try headerParent(for: parts, position: position)
        let key = parts[parts.count - 1]
        let name = Self.dotted(parts[...])
        guard let existing = parent.entries[key] else {
            let table = TOMLTableBuilder(origin: .header, line: line)
            parent.set(.table(table), for: key, line: line)
            return table
        }
        switch existing.slot {
        case .table(let table) where table.origin == .implicit:
            table.origin = .header
            table.line = line
            parent.entries[key]?.line = line
            return table
        case .table(let table) where table.origin == .dotted:
            throw Self.error(position, "duplicate table `[\(name)]`: it was already defined with dotted keys at line \(existing.line)")
        case .table:
            throw Self.error(position, "duplicate table `[\(name)]`: already defined at line \(existing.line); merge the two sections")
        case .tableArray:
            throw Self.error(position, "cannot define table `[\(name)]`: `\(name)` is an array of tables defined at line \(existing.line); use `[[\(name)]]` to add an element")
        case .value:
            throw Self.error(position, "cannot define table `[\(name)]`: `\(name)` is already \(Self.describe(existing)) defined at line \(existing.line)")
        }
    }

    /// Handles `[[parts]]`: appends a new table to the array and returns it.
    func appendTableArrayElement(at parts: [String], line: Int, position: TOMLParser.Position) throws(TOMLParseError) -> TOMLTableBuilder {
        let parent = try headerParent(for: parts, position: position)
        let key = parts[parts.count - 1]
        let name = Self.dotted(parts[...])
        let element = TOMLTableBuilder(origin: .header, line: line)
        guard let existing = parent.entries[key] else {
            parent.set(.tableArray([element]), for: key, line: line)
            return element
        }
        switch existing.slot {
        case .tableArray(var elements):
            elements.append(element)
            parent.entries[key]?.slot = .tableArray(elements)
            return element
        case .value(.array):
            throw Self.error(position, "cannot add `[[\(name)]]`: `\(name)` is an array defined with `=` at line \(existing.line), which cannot be extended")
        default:
            throw Self.error(position, "cannot add `[[\(name)]]`: `\(name)` is already \(Self.describe(existing)) defined at line \(existing.line)")
        }
    }

    // MARK: - Key/value pairs

    /// Inserts `value` at the dotted key `parts`, creating dotted tables.
    func insertValue(_ value: TOMLValue, at parts: [String], line: Int, position: TOMLParser.Position) throws(TOMLParseError) {
        var table = self
        for (offset, part) in parts.dropLast().enumerated() {
            guard let entry = table.entries[part] else {
                let child = TOMLTableBuilder(origin: .dotted, line: line)
                table.set(.table(child), for: part, line: line)
                table = child
                continue
            }
            let prefix = Self.dotted(parts[...offset])
            switch entry.slot {
            case .table(let child) where child.origin == .dotted:
                table = child
            case .table:
                throw Self.error(position, "cannot add `\(Self.dotted(parts[...]))` with a dotted key: table `\(prefix)` was defined at line \(entry.line) by a [header]; add the key in that section")
            default:
                throw Self.error(position, "cannot use `\(prefix)` as a table in key `\(Self.dotted(parts[...]))`: it is already \(Self.describe(entry)) defined at line \(entry.line)")
            }
        }
        let key = parts[parts.count - 1]
        if let existing = table.entries[key] {
            throw Self.error(position, "duplicate key `\(Self.dotted(parts[...]))`: already defined at line \(existing.line)")
        }
        table.set(.value(value), for: key, line: line)
    }

    private static func error(_ position: TOMLParser.Position, _ message: String) -> TOMLParseError {
        TOMLParseError(line: position.line, column: position.column, message: message)
    }
}
