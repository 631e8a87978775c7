/// Why a deploy stopped, with what to do about it.
public struct DeployError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
