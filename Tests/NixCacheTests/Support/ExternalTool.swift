import Foundation

/// Finds and runs the command-line tools the oracle tests compare against.
enum ExternalTool {
    struct Result {
        let status: Int32
        let standardOutput: Data
        let standardError: String

        var text: String { String(decoding: standardOutput, as: UTF8.self) }
        var trimmed: String { text.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    struct Failure: Error, CustomStringConvertible {
        let command: String
        let result: Result
        var description: String { "\(command) exited \(result.status): \(result.standardError)" }
    }

    /// The absolute path of `name` on `PATH`, or nil.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static let nixStore = find("nix-store")
    static let nixHash = find("nix-hash")
    static let nix = find("nix")
    static let zstd = find("zstd")
    static var hasNix: Bool { nixStore != nil && nixHash != nil }

    /// Runs `executable` with output captured in temporary files (no pipe deadlocks).
    /// - Parameter standardOutputFile: if set, stdout goes to this file instead of memory.
    @discardableResult
    static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        standardInputFile: String? = nil,
        standardOutputFile: String? = nil
    ) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tool-\(UUID().uuidString)")
        let outPath = standardOutputFile ?? scratch.path + ".out"
        let errPath = scratch.path + ".err"
        guard FileManager.default.createFile(atPath: outPath, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: outPath])
        }
        guard FileManager.default.createFile(atPath: errPath, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: errPath])
        }
        defer {
            if standardOutputFile == nil { try? FileManager.default.removeItem(atPath: outPath) }
            try? FileManager.default.removeItem(atPath: errPath)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { _, new in new }
        process.environment = merged
        let outHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = outHandle
        process.standardError = errHandle
        if let standardInputFile {
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: standardInputFile))
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        let output = standardOutputFile == nil ? try Data(contentsOf: URL(fileURLWithPath: outPath)) : Data()
        let error = String(decoding: try Data(contentsOf: URL(fileURLWithPath: errPath)), as: UTF8.self)
        return Result(status: process.terminationStatus, standardOutput: output, standardError: error)
    }

    /// Runs and throws unless the exit status is 0.
    @discardableResult
    static func check(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        standardInputFile: String? = nil,
        standardOutputFile: String? = nil
    ) throws -> Result {
        let result = try run(executable, arguments, environment: environment,
                             standardInputFile: standardInputFile, standardOutputFile: standardOutputFile)
        guard result.status == 0 else {
            throw Failure(command: ([executable] + arguments).joined(separator: " "), result: result)
        }
        return result
    }
}
