import Foundation

/// Runs a program to its end on a thread of its own and returns its exit status and merged output.
///
/// Waiting for a child (`waitUntilExit`, a pipe read to its end) on one of the few cooperative threads the
/// whole `swift test` process shares stalls every other test of the run on a two-core machine — long enough
/// for unrelated tests with deadlines to fail.
public enum ChildProcess {
    public static func run(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = arguments
                let pipe = Pipe()
                process.standardOutput = pipe
                process.standardError = pipe
                process.standardInput = FileHandle.nullDevice
                do {
                    try process.run()
                    let data = pipe.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    continuation.resume(returning: (process.terminationStatus, String(decoding: data, as: UTF8.self)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
    }
}
