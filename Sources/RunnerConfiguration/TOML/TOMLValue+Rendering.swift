extension TOMLValue {
    /// The value written as TOML that parses back to an equal value: strings
    /// as escaped basic strings, tables as inline tables.
    public var tomlLiteral: String {
        switch self {
        case .string(let text):
            return Self.quoted(text)
        case .integer(let number):
            return String(number)
        case .float(let number):
            if number.isNaN { return "nan" }
            if number.isInfinite { return number < 0 ? "-inf" : "inf" }
            return "\(number)"
        case .bool(let flag):
            return flag ? "true" : "false"
        case .array(let elements):
            return "[" + elements.map(\.tomlLiteral).joined(separator: ", ") + "]"
        case .table(let table):
            return table.inlineLiteral
        }
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
