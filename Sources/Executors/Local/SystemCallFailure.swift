import Glibc

/// A failed system call, with the `errno` it reported.
///
/// Internal to the local executor; ``LocalStageRunner`` turns it into a `StageLaunchError`
/// whose reason names the operation, the path and the system's explanation.
struct SystemCallFailure: Error, CustomStringConvertible, Sendable {
    /// What was being attempted, e.g. `create directory /builds/x`.
    var operation: String
    /// The `errno` value.
    var code: Int32

    init(_ operation: String, code: Int32 = errno) {
        self.operation = operation
        self.code = code
    }

    /// The system's text for ``code``, e.g. `Permission denied`.
    var systemMessage: String { String(cString: strerror(code)) }

    var description: String { "\(operation) failed: \(systemMessage) (errno \(code))" }
}
