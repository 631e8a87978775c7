/// A job that this runner's profile cannot run, with what to change.
public struct JobPodError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
