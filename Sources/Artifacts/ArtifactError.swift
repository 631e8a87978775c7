/// An artifact archive that cannot be written, read or transferred, with what went wrong.
public struct ArtifactError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
