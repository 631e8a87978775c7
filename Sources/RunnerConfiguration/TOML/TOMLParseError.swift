/// A syntax or structure error in a TOML document, with the 1-based line and
/// column where it was found.
public struct TOMLParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line of the error.
    public let line: Int
    /// The 1-based column (in Unicode scalars) of the error.
    public let column: Int
    /// What went wrong and what was expected instead.
    public let message: String

    /// Creates an error at `line`/`column` with `message`.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `line:column: message`.
    public var description: String { "\(line):\(column): \(message)" }
}
