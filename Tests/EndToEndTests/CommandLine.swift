import Foundation
import Synchronization

/// Runs the `flywheel` binary once and collects its exit status and combined output.
enum CommandLine {
    struct Result {
        var status: Int32
        var output: String
    }

    static func flywheel(_ arguments: [String], environment: [String: String]? = nil) async throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: AgentProcess.binary)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("flywheel-cli-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let handle = try FileHandle(forWritingTo: outputURL)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { process in continuation.resume(returning: process.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        try handle.close()
        return Result(status: status, output: (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "")
    }
}
