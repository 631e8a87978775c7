/// A value in a parsed TOML document.
///
/// TOML datetimes (offset/local date-times, local dates and local times) are
/// represented as ``string(_:)`` holding the datetime exactly as written.
public enum TOMLValue: Sendable, Equatable {
    /// A string (basic, literal, multi-line) or a datetime kept as written.
    case string(String)
    /// A 64-bit signed integer.
    case integer(Int64)
    /// A 64-bit floating-point number, including `inf` and `nan`.
    case float(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// An array (`[1, 2]`) or an array of tables (`[[name]]`).
    case array([TOMLValue])
    /// A table (`[name]`, a dotted key, or an inline table `{ … }`).
    case table(TOMLTable)

    /// The TOML name of this value's type, for messages: `string`, `integer`,
    /// `float`, `boolean`, `array` or `table`.
    public var typeName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .bool: "boolean"
        case .array: "array"
        case .table: "table"
        }
    }

    /// A short description of the value for error messages, such as
    /// `string "4"` or `integer 12`; long strings are shortened.
    public var shortDescription: String {
        switch self {
        case .string(let text):
            let shown = text.count > 40 ? String(text.prefix(37)) + "..." : text
            return "string \(TOMLValue.string(shown).tomlLiteral)"
        case .integer(let number):
            return "integer \(number)"
        case .float(let number):
            return "float \(TOMLValue.float(number).tomlLiteral)"
        case .bool(let flag):
            return "boolean \(flag)"
        case .array(let elements):
            return "array of \(elements.count) element\(elements.count == 1 ? "" : "s")"
        case .table:
            return "table"
        }
    }
}
