import Foundation
import Simulators
import Synchronization

/// The real `flywheel run` binary, started against a simulator with its own config and builds directory.
final class AgentProcess: Sendable {
    struct Options {
        var concurrent = 4
        var checkInterval = 1
        var shutdownTimeout = 30
        var outputLimitKiB = 4096
        var limit = 0
        var requestConcurrency = 1
        var listenAddress: String?
    }

    let directory: URL
    let logURL: URL
    private let process: Process
    private let exit = ExitState()

    /// The agent's exit status once known, and who waits for it.
    final class ExitState: Sendable {
        let state = Mutex<(status: Int32?, waiters: [CheckedContinuation<Int32, Never>])>((nil, []))
    }

    /// Path of the binary under test: `FLYWHEEL_BIN` (set by `make test`), else the debug build.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["FLYWHEEL_BIN"] { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/flywheel").path
    }

    /// A fresh directory for one agent's config, log and builds.
    static func makeDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flywheel-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// An agent with one shell runner against `simulator`.
    convenience init(simulator: GitLabSimulator, options: Options = Options()) throws {
        let directory = try Self.makeDirectory()
        let config = """
            concurrent = \(options.concurrent)
            check_interval = \(options.checkInterval)
            shutdown_timeout = \(options.shutdownTimeout)
            log_level = "debug"
            \(options.listenAddress.map { "listen_address = \"\($0)\"" } ?? "")

            [[runners]]
            name = "e2e"
            url = "\(simulator.baseURL)"
            token = "\(GitLabSimulatorConfiguration().runnerToken)"
            executor = "shell"
            builds_dir = "\(directory.appendingPathComponent("builds").path)"
            output_limit = \(options.outputLimitKiB)
            limit = \(options.limit)
            request_concurrency = \(options.requestConcurrency)
            """
        try self.init(directory: directory, configuration: config)
    }

    /// An agent running `flywheel run` with `configuration` (config.toml text) written into `directory`,
    /// with `environment` added to the test's own.
    init(directory: URL, configuration config: String, environment: [String: String] = [:]) throws {
        self.directory = directory
        let configURL = directory.appendingPathComponent("config.toml")
        try config.write(to: configURL, atomically: true, encoding: .utf8)
        logURL = directory.appendingPathComponent("agent.log")
        FileManager.default.createFile(atPath: logURL.path, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["run", "--config", configURL.path]
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let logHandle = try FileHandle(forWritingTo: logURL)
        defer { try? logHandle.close() }
        process.standardOutput = logHandle
        process.standardError = logHandle
        process.standardInput = FileHandle.nullDevice
        let exit = self.exit
        process.terminationHandler = { process in
            let waiters = exit.state.withLock { state -> [CheckedContinuation<Int32, Never>] in
                state.status = process.terminationStatus
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(returning: process.terminationStatus) }
        }
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    func signal(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the agent to exit and returns its exit status.
    func waitForExit() async -> Int32 {
        await withCheckedContinuation { continuation in
            let status = exit.state.withLock { state -> Int32? in
                if let status = state.status { return status }
                state.waiters.append(continuation)
                return nil
            }
            if let status { continuation.resume(returning: status) }
        }
    }

    var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    /// Stops the agent (drain) and removes its directory.
    func stop() async {
        if exit.state.withLock({ $0.status }) == nil {
            signal(SIGTERM)
            _ = await waitForExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
