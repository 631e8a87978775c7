import Foundation

/// Runs a credential plugin to completion on threads of its own (not the cooperative pool, and not GCD's global
/// queues, which add threads only slowly when blocked) and collects its output.
enum ExecPluginRunner {
    struct Output: Sendable {
        var exitCode: Int32
        var stdout: Data
        var stderr: Data
    }

    /// Runs `executable` with `arguments` and exactly `environment`, stdin closed; kills it after `timeout`.
    static func run(executable: String, arguments: [String], environment: [String: String], timeout: Duration) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = arguments
                process.environment = environment
                let stdout = Pipe()
                let stderr = Pipe()
                process.standardOutput = stdout
                process.standardError = stderr
                process.standardInput = FileHandle.nullDevice
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: error)
                    return
                }
                let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
                DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
                    // SIGKILL: a daemon often ignores SIGTERM (signal handling via dispatch sources), and children
                    // inherit that.
                    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                }
                let errorOutput = BackgroundPipeReader(stderr.fileHandleForReading)
                let output = stdout.fileHandleForReading.readDataToEndOfFile()
                let errors = errorOutput.wait()
                process.waitUntilExit()
                continuation.resume(returning: Output(exitCode: process.terminationStatus, stdout: output, stderr: errors))
            }
        }
    }
}
