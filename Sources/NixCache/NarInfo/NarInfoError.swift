/// Why a narinfo could not be parsed, rendered or signed.
public enum NarInfoError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A line has no `:`.
    case malformedLine(number: Int, line: String)
    /// A required field (`StorePath`, `URL`, `NarHash`, `NarSize`) is absent.
    case missingField(String)
    /// A field's value does not parse.
    case invalidField(name: String, value: String, reason: String)
    /// `NarSize` is 0: the size is unknown, and Nix refuses such narinfos and cannot
    /// compute their fingerprint.
    case zeroNarSize(storePath: String)
    /// A value to be written contains a line break, which would corrupt the file.
    case lineBreakInValue(field: String)

    public var description: String {
        switch self {
        case .malformedLine(let number, let line):
            return "narinfo line \(number) '\(line)' is not 'Key: value'"
        case .missingField(let name):
            return "narinfo has no '\(name):' line; StorePath, URL, NarHash and NarSize are required"
        case .invalidField(let name, let value, let reason):
            return "narinfo field \(name) '\(value)' is invalid: \(reason)"
        case .zeroNarSize(let storePath):
            return "narinfo for '\(storePath)' has NarSize 0; set the real NAR size (Nix rejects 0 and cannot fingerprint it)"
        case .lineBreakInValue(let field):
            return "narinfo field \(field) contains a line break; values must be single-line"
        }
    }
}
