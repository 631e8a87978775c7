import ArgumentParser
import AsyncHTTPClient
import RunnerConfiguration
import Foundation
import Logging
import NixCache
import UnixSignals

/// `flywheel cache watch`: the uploader daemon.
struct CacheWatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Upload every new store path while running; with --exec, while a command runs.",
        discussion: """
        New paths are found by polling the Nix database and, on Linux, by inotify on deleted *.lock files in the \
        store; 'flywheel cache hook' (as Nix's post-build-hook) can also send them over --socket. Upload errors \
        are warnings: the watcher never exits because of them. SIGTERM/SIGINT: flush (up to --flush-timeout) \
        and exit 0. With --exec, the command runs with FLYWHEEL_CACHE_SOCKET set; afterwards the queue is \
        flushed and the watcher exits with the command's status.
        """
    )

    @OptionGroup var target: CacheTargetArguments

    @Option(help: "Unix socket for 'flywheel cache hook' and 'flywheel cache flush'.")
    var socket: String = HookClient.defaultSocketPath

    @Option(help: "Seconds between polls of the Nix database.")
    var pollInterval: Double = 2

    @Flag(help: "Poll only; do not watch the store with inotify.")
    var noInotify = false

    @Option(help: "Seconds to wait for the queue to drain before exiting.")
    var flushTimeout: Double = 300

    @Option(parsing: .remaining, help: "Run this command (all remaining arguments) under watch, flush, and exit with its status.")
    var exec: [String] = []

    func run() async throws {
        CacheMemory.limitAllocatorCaching()
        let logger = LoggingBootstrap.start(level: .info, format: .text)
        let store = target.nixStore
        let database: NixDatabase
        let watcher: StoreWatcher
        do {
            database = try NixDatabase(store: store)
            watcher = try StoreWatcher(
                database: database, pollInterval: .milliseconds(Int64(max(0.05, pollInterval) * 1000)), useInotify: !noInotify,
                includeDerivations: target.includeDerivations, logger: logger)
        } catch {
            throw ValidationError(error.description)
        }
        let http = CacheTargetArguments.makeHTTPClient()
        let uploader: CacheUploader
        let listener: HookListener
        do {
            uploader = CacheUploader(targets: try target.makeTargets(httpClient: http), database: database,
                                     configuration: target.uploaderConfiguration(), logger: logger)
            listener = try await HookListener.bind(socketPath: socket, uploader: uploader, database: database, store: store, logger: logger)
        } catch {
            try? await http.shutdown()
            if let hookError = error as? HookError { throw ValidationError(hookError.description) }
            throw error
        }
        logger.info("cache watch: uploading new paths of \(store) to \(target.targets.joined(separator: ", ")); socket \(socket)")
        let started = ContinuousClock.now
        let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
        let child = exec.isEmpty ? nil : ChildCommand(arguments: exec, environment: ["FLYWHEEL_CACHE_SOCKET": socket])
        let status: Int32 = await withTaskGroup(of: Int32?.self) { group in
            group.addTask { await uploader.run(); return nil }
            group.addTask { await watcher.run(into: uploader); return nil }
            group.addTask { await listener.serve(); return nil }
            group.addTask {
                let status: Int32
                if let child {
                    status = await child.run(signals: signals, logger: logger)
                } else {
                    for await signal in signals {
                        logger.info("cache watch: received \(signal); flushing")
                        break
                    }
                    status = 0
                }
                await watcher.sweep(into: uploader)
                let drained = await uploader.flush(timeout: .milliseconds(Int64(max(0, flushTimeout) * 1000)))
                if !drained {
                    logger.warning("cache watch: \(uploader.statistics.queueDepth) paths still queued after \(flushTimeout) s; giving up on them")
                }
                return status
            }
            var status: Int32 = 0
            while let next = await group.next() {
                if let next {
                    status = next
                    group.cancelAll()
                }
            }
            return status
        }
        try? await http.shutdown()
        let elapsed = ContinuousClock.now - started
        for (name, statistics) in uploader.targetStatistics {
            logger.info("cache watch: \(CacheSummary.line(statistics, target: name, elapsed: elapsed))")
        }
        if status != 0 { throw ExitCode(status) }
    }
}
