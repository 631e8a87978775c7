import Foundation
import Logging
import UnixSignals

/// The command `flywheel cache watch --exec` runs: inherits stdio, gets extra environment,
/// receives SIGTERM/SIGINT sent to the watcher.
struct ChildCommand: Sendable {
    let arguments: [String]
    let environment: [String: String]

    /// Runs the command to its end and returns its exit status (128+N for signal N, 127
    /// when it cannot be started).
    func run(signals: UnixSignalsSequence, logger: Logger) async -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        return await withTaskGroup(of: Int32?.self) { group in
            let exited = AsyncStream<Int32>.makeStream(bufferingPolicy: .bufferingNewest(1))
            process.terminationHandler = { finished in
                let status = finished.terminationReason == .uncaughtSignal ? 128 + finished.terminationStatus : finished.terminationStatus
                exited.continuation.yield(status)
                exited.continuation.finish()
            }
            do {
                try process.run()
            } catch {
                logger.error("cache watch: cannot run \(arguments.joined(separator: " ")): \(error.localizedDescription)")
                return 127
            }
            group.addTask {
                for await status in exited.stream { return status }
                return 127
            }
            group.addTask {
                for await signal in signals {
                    logger.info("cache watch: forwarding \(signal) to the command")
                    kill(process.processIdentifier, signal == .sigint ? SIGINT : SIGTERM)
                }
                return nil
            }
            var status: Int32 = 127
            while let next = await group.next() {
                if let next {
                    status = next
                    group.cancelAll()
                }
            }
            return status
        }
    }
}
