import ArgumentParser
import AsyncHTTPClient
import RunnerConfiguration
import Foundation
import Logging
import NixCache

/// `flywheel cache push`: upload store paths and their closures.
struct CachePush: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Upload store paths and their whole closures to one or more caches.",
        discussion: "Exit status 0 when every path is in every cache afterwards, 1 when some path could not be uploaded."
    )

    @OptionGroup var target: CacheTargetArguments

    @Argument(help: "Store paths to upload (with their closures).")
    var paths: [String] = []

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give at least one store path") }
    }

    func run() async throws {
        CacheMemory.limitAllocatorCaching()
        let logger = LoggingBootstrap.start(level: .info, format: .text)
        let store = target.nixStore
        var storePaths: [StorePath] = []
        for text in paths {
            do {
                storePaths.append(try store.storePath(Self.resolve(text, store: store)))
            } catch {
                throw ValidationError("\(error)")
            }
        }
        let database: NixDatabase
        do {
            database = try NixDatabase(store: store)
        } catch {
            throw ValidationError(error.description)
        }
        let http = CacheTargetArguments.makeHTTPClient()
        let targets: [any CacheTarget]
        do {
            targets = try target.makeTargets(httpClient: http)
        } catch {
            try? await http.shutdown()
            throw error
        }
        let interactive = isatty(STDOUT_FILENO) == 1
        let uploader = CacheUploader(targets: targets, database: database, configuration: target.uploaderConfiguration(), logger: logger) { event in
            if interactive, let line = CacheSummary.progress(event) { print(line) }
        }
        let started = ContinuousClock.now
        await withDiscardingTaskGroup { group in
            group.addTask { await uploader.run() }
            await uploader.enqueue(storePaths)
            uploader.finish()
        }
        let elapsed = ContinuousClock.now - started
        try? await http.shutdown()
        for (name, statistics) in uploader.targetStatistics {
            print(CacheSummary.line(statistics, target: name, elapsed: elapsed))
        }
        if uploader.statistics.pathsFailed > 0 || uploader.statistics.disabledTargets > 0 { throw ExitCode(1) }
    }

    /// Follows a result symlink (`./result`) to the store path it points at.
    static func resolve(_ text: String, store: NixStore) -> String {
        if text.hasPrefix(store.storeDirectory + "/") || text.hasPrefix(store.physicalStoreDirectory + "/") { return text }
        if let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: text) { return destination }
        return text
    }
}
