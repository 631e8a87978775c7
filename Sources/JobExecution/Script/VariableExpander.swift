import GitLabRunnerAPI

/// Expands `$VAR` and `${VAR}` in variable values against a set of variable definitions.
///
/// - A reference takes the referenced variable's final value (itself expanded, unless `raw`).
/// - Unknown variables, and references that loop back to a variable being expanded, become empty.
/// - `$$` becomes `$`; a `$` not followed by a name (or an unterminated `${`) stays as written.
struct VariableExpander {
    private let definitions: [String: JobVariable]
    private var resolved: [String: String] = [:]
    private var inProgress: Set<String> = []

    init(definitions: [String: JobVariable]) {
        self.definitions = definitions
    }

    /// The final value of variable `key`, or `nil` when it is not defined.
    mutating func value(of key: String) -> String? {
        if let done = resolved[key] { return done }
        guard let variable = definitions[key] else { return nil }
        if variable.raw {
            resolved[key] = variable.value
            return variable.value
        }
        guard !inProgress.contains(key) else { return "" }
        inProgress.insert(key)
        let value = expand(variable.value)
        inProgress.remove(key)
        resolved[key] = value
        return value
    }

    /// `text` with every reference replaced.
    mutating func expand(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "$")) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "$"), index + 1 < bytes.count else {
                output.append(byte)
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "$") {
                output.append(byte)
                index += 2
            } else if next == UInt8(ascii: "{") {
                var end = index + 2
                while end < bytes.count, Self.isNameByte(bytes[end]) { end += 1 }
                if end < bytes.count, bytes[end] == UInt8(ascii: "}"), end > index + 2, Self.isNameStart(bytes[index + 2]) {
                    let name = String(decoding: bytes[(index + 2)..<end], as: UTF8.self)
                    output.append(contentsOf: (value(of: name) ?? "").utf8)
                    index = end + 1
                } else {
                    output.append(byte)
                    index += 1
                }
            } else if Self.isNameStart(next) {
                var end = index + 1
                while end < bytes.count, Self.isNameByte(bytes[end]) { end += 1 }
                let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                output.append(contentsOf: (value(of: name) ?? "").utf8)
                index = end
            } else {
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
