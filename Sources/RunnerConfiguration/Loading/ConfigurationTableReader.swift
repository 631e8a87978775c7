/// Reads typed values from one table of the configuration, producing
/// ``ConfigurationError``s that name the file, line and full key path.
struct ConfigurationTableReader {
    /// The table being read.
    let table: TOMLTable
    /// Prepended to keys in messages: `""` at the top level,
    /// `"runners[0]."` in the first runner.
    let keyPrefix: String
    /// The configuration file's path, for messages.
    let path: String

    /// The full key path of `key`, e.g. `runners[0].limit`.
    func keyPath(_ key: String) -> String { keyPrefix + key }

    /// The line where `key` was defined, or where the table starts.
    func line(of key: String) -> Int {
        table.line(of: key) ?? table.line
    }

    /// An error about `key` at the line where it was defined.
    func failure(_ key: String, _ message: String) -> ConfigurationError {
        ConfigurationError(path: path, line: line(of: key), key: keyPath(key), message: message)
    }

    /// Fails on the first key (in file order) that is not in `known`.
    /// `explain` may give a specific message for a key, e.g. one that
    /// belongs in another section.
    func rejectUnknownKeys(known: [String], explain: (String) -> String?) throws(ConfigurationError) {
        for key in table.keys where !known.contains(key) {
            if let explanation = explain(key) {
                throw failure(key, explanation)
            }
            if let hint = KeySuggestion.hint(for: key, among: known) {
                throw failure(key, "unknown key; \(hint)")
            }
            throw failure(key, "unknown key; the keys allowed here are \(known.map { "`\($0)`" }.joined(separator: ", "))")
        }
    }

    /// The integer at `key` (≥ `minimum`), or `nil` when absent.
    func integer(_ key: String, atLeast minimum: Int, hint: String? = nil) throws(ConfigurationError) -> Int? {
        guard let value = table[key] else { return nil }
        guard case .integer(let number) = value else {
            var message = "must be an integer, got \(value.shortDescription)"
            if case .string(let text) = value, Int64(text) != nil {
                message += "; remove the quotes: \(key) = \(text)"
            }
            throw failure(key, message)
        }
        guard let integer = Int(exactly: number), integer >= minimum else {
            throw failure(key, "must be ≥ \(minimum), got \(number)" + (hint.map { " (\($0))" } ?? ""))
        }
        return integer
    }

    /// The boolean at `key`, or `nil` when absent.
    func boolean(_ key: String) throws(ConfigurationError) -> Bool? {
        guard let value = table[key] else { return nil }
        guard case .bool(let flag) = value else { throw failure(key, "must be true or false, got \(value.shortDescription)") }
        return flag
    }

    /// The string at `key`, or `nil` when absent.
    func string(_ key: String) throws(ConfigurationError) -> String? {
        guard let value = table[key] else { return nil }
        switch value {
        case .string(let text):
            return text
        case .integer, .float, .bool:
            let quoted = TOMLValue.string(Self.unquotedText(of: value)).tomlLiteral
            throw failure(key, "must be a string, got \(value.shortDescription); quote it: \(key) = \(quoted)")
        case .array, .table:
            throw failure(key, "must be a string, got \(value.shortDescription)")
        }
    }

    /// The non-blank string at `key`, or `nil` when absent.
    func nonEmptyString(_ key: String, example: String) throws(ConfigurationError) -> String? {
        guard let text = try string(key) else { return nil }
        guard !text.allSatisfy(\.isWhitespace) else {
            throw failure(key, "must not be empty; set it like \(key) = \(example)")
        }
        return text
    }

    /// The array of strings at `key`, or `nil` when absent.
    func stringArray(_ key: String) throws(ConfigurationError) -> [String]? {
        guard let value = table[key] else { return nil }
        guard case .array(let elements) = value else {
            throw failure(key, "must be an array of strings like [\"A=1\", \"B=2\"], got \(value.shortDescription)")
        }
        var strings: [String] = []
        for (index, element) in elements.enumerated() {
            guard case .string(let text) = element else {
                throw ConfigurationError(
                    path: path, line: line(of: key), key: "\(keyPath(key))[\(index)]",
                    message: "must be a string, got \(element.shortDescription)"
                )
            }
            strings.append(text)
        }
        return strings
    }

    /// The value at `key` as one of `Choice`'s raw values, or `nil` when
    /// absent.
    func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, as _: Choice.Type) throws(ConfigurationError) -> Choice?
    where Choice.RawValue == String {
        guard let text = try string(key) else { return nil }
        if let choice = Choice(rawValue: text) { return choice }
        let allowed = Choice.allCases.map(\.rawValue)
        throw failure(key, Self.notOneOf(text, allowed: allowed))
    }

    /// "must be one of `a`, `b`; got "c"" with a "did you mean" when close.
    static func notOneOf(_ text: String, allowed: [String]) -> String {
        var message = "must be one of \(allowed.map { "`\($0)`" }.joined(separator: ", ")); got \(TOMLValue.string(text).tomlLiteral)"
        if let hint = KeySuggestion.hint(for: text, among: allowed) {
            message += "; \(hint)"
        }
        return message
    }

    /// A scalar value's text as written without quotes.
    private static func unquotedText(of value: TOMLValue) -> String {
        switch value {
        case .string(let text): text
        case .integer(let number): String(number)
        case .bool(let flag): String(flag)
        default: value.tomlLiteral
        }
    }
}
