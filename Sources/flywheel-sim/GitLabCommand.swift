import ArgumentParser
import Foundation
import Logging
import Simulators

/// `flywheel-sim gitlab`: serves a ``GitLabSimulator`` until SIGTERM/SIGINT.
///
/// Prints one JSON line to stdout once listening:
/// `{"port":N,"registration_token":"…","runner_token":"…","url":"http://127.0.0.1:N"}`.
struct GitLabCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gitlab",
        abstract: "Serve a simulated GitLab runner API (see docs/simulators.md)."
    )

    @Option(help: "Port to listen on (0 picks a free one).")
    var port: Int = 0

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Authentication token of the runner the simulator starts with.")
    var runnerToken: String = "glrt-simulator-runner-token"

    @Option(help: "Registration token for legacy POST /api/v4/runners.")
    var registrationToken: String = "GR1348941simregistration"

    @Flag(help: "Answer legacy registration with 410 Gone.")
    var disableRegistrationTokens = false

    @Option(help: "How long a job request is held (Workhorse long poll), in seconds; 0 disables it.")
    var longPollSeconds: Double = 50

    @Option(help: "Seconds sent as X-GitLab-Trace-Update-Interval on trace patches.")
    var traceUpdateInterval: Int = 3

    @Option(help: "URL for CI_SERVER_URL and git_info.repo_url (default: the simulator's own URL).")
    var externalURL: String?

    @Option(help: "Directory whose *.json job payloads are enqueued at start, in name order.")
    var jobs: String?

    @Option(help: "Log level on stderr (trace, debug, info, notice, warning, error, critical).")
    var logLevel: String = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535") }
        guard longPollSeconds >= 0 else { throw ValidationError("--long-poll-seconds must not be negative") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var configuration = GitLabSimulatorConfiguration(
            runnerToken: runnerToken,
            registrationToken: registrationToken,
            registrationTokensEnabled: !disableRegistrationTokens,
            longPollTimeout: .milliseconds(Int64(longPollSeconds * 1000)),
            traceUpdateInterval: traceUpdateInterval
        )
        configuration.externalURL = externalURL
        let simulator = GitLabSimulator(configuration: configuration)
        let boundPort = try await simulator.start(host: host, port: port)

        if let jobs {
            do {
                for file in try Self.jobFiles(in: jobs) {
                    let job = try simulator.enqueue(jobJSON: Array(try Data(contentsOf: file)))
                    Logger(label: "flywheel-sim").info("enqueued \(file.lastPathComponent) as job \(job.rawValue)")
                }
            } catch {
                await simulator.stop()
                throw error
            }
        }

        let ready: SimulatedJSON = [
            "url": .string(simulator.baseURL),
            "port": .int(Int64(boundPort)),
            "runner_token": .string(runnerToken),
            "registration_token": .string(registrationToken),
        ]
        FileHandle.standardOutput.write(Data(ready.encoded + [UInt8(ascii: "\n")]))

        let signal = await TerminationSignals.wait()
        Logger(label: "flywheel-sim").info("signal \(signal): stopping")
        await simulator.stop()
    }

    private static func jobFiles(in directory: String) throws -> [URL] {
        let url = URL(fileURLWithPath: directory, isDirectory: true)
        return try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
