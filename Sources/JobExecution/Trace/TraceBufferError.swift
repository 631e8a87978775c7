#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A trace buffer file operation failed.
public struct TraceBufferError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What was being done: `open`, `write`, `read`, …
    public var operation: String
    /// The trace file.
    public var path: String
    /// `errno` of the failed call, or `0` when the buffer was already removed.
    public var errorNumber: Int32

    /// - Parameter errorNumber: `errno` of the failed call, or `0` when the buffer was already removed.
    public init(operation: String, path: String, errorNumber: Int32) {
        self.operation = operation
        self.path = path
        self.errorNumber = errorNumber
    }

    /// The failure in words, with the system's message for the error number.
    public var description: String {
        if errorNumber == 0 { return "cannot \(operation) trace buffer \(path): the buffer was removed" }
        return "cannot \(operation) trace buffer \(path): \(String(cString: strerror(errorNumber))) (errno \(errorNumber))"
    }
}
