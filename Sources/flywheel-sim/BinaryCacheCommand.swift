import ArgumentParser
import Foundation
import Logging
import Simulators

/// `flywheel-sim binary-cache`: serves a ``BinaryCacheSimulator`` (a Nix binary cache over
/// HTTP, stored in a directory) until SIGTERM/SIGINT, for `nix copy --to http://…`,
/// `flywheel cache push --to http://…` and substituting Nix alike. Used by the cache
/// benchmark (Benchmarks/CacheBench).
///
/// Prints one JSON line to stdout once listening: `{"port":N,"url":"http://127.0.0.1:N"}`.
struct BinaryCacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "binary-cache",
        abstract: "Serve a Nix binary cache over HTTP from a directory (GET/HEAD/PUT)."
    )

    @Option(help: "Directory holding the cache (created when missing).")
    var directory: String

    @Option(help: "Port to listen on (0 picks a free one).")
    var port: Int = 0

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Largest PUT body in MiB (bodies are held in memory until stored).")
    var maximumBodyMiB: Int = 4096

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535") }
        guard maximumBodyMiB > 0 else { throw ValidationError("--maximum-body-mib must be positive") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        let simulator = try BinaryCacheSimulator(directory: directory)
        let server = SimulatorHTTPServer(handler: simulator, maximumBodySize: maximumBodyMiB << 20)
        let boundPort = try await server.bind(host: host, port: port)
        FileHandle.standardOutput.write(Data("{\"port\":\(boundPort),\"url\":\"http://\(host):\(boundPort)\"}\n".utf8))
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await server.serve() }
            _ = await TerminationSignals.wait()
            server.shutdown()
            await group.waitForAll()
        }
    }
}
