/// A `.gitlab-ci.yml` that cannot be read or run, with the file and the place that is wrong.
public struct PipelineError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong and, where it helps, what to do.
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
