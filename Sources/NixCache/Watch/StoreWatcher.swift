import Logging

/// Finds store paths as they become valid and hands them to a ``CacheUploader``:
///
/// - it polls the Nix database for paths registered since it started
///   (`ValidPaths.id > last`), every ``pollInterval``;
/// - where inotify exists (Linux), it also watches the store directory for deleted
///   `*.lock` files (Nix deletes an output's lock right after registering it and running
///   the post-build-hook) and polls at once when one goes, so new paths are queued within
///   a quarter second.
///
/// The inotify watch is set up in `init`, together with the registration cursor, and
/// ``run(into:)`` sweeps once as it starts: a path registered between the two (when the
/// task running the watcher starts late on a busy machine) is not left waiting for the
/// next poll, whose interval may be long when inotify is relied on.
///
/// Built, substituted and added paths are all seen; `.drv` files are left out unless
/// asked for. The watcher never stops because of an error: a failing poll is a one-line
/// warning and the next tick tries again.
public final class StoreWatcher: Sendable {
    /// How often the database is polled without an inotify trigger.
    public let pollInterval: Duration
    /// Whether `.drv` files are queued too.
    public let includeDerivations: Bool
    private let database: NixDatabase
    private let useInotify: Bool
    private let logger: Logger
    private let cursor: RegistrationCursor
    private let locks: LockWatch?

    /// Watches the store of `database` for paths registered from now on.
    ///
    /// - Throws: ``PathInfoError`` when the database cannot be read.
    public init(
        database: NixDatabase, pollInterval: Duration = .seconds(2), useInotify: Bool = true,
        includeDerivations: Bool = false, logger: Logger = Logger(label: "flywheel.cache.watch")
    ) throws(PathInfoError) {
        self.database = database
        self.pollInterval = pollInterval
        self.useInotify = useInotify
        self.includeDerivations = includeDerivations
        self.logger = logger
        // The watch first, then the cursor: a lock deleted in between triggers a sweep
        // that finds nothing new, never a missed path.
        self.locks = useInotify ? LockWatch(directory: database.store.physicalStoreDirectory, logger: logger) : nil
        self.cursor = RegistrationCursor(try database.latestRegistrationID())
    }

    /// Queues every path registered since the last sweep; returns how many.
    @discardableResult
    public func sweep(into uploader: CacheUploader) async -> Int {
        var queued = 0
        while true {
            let after = cursor.value
            let batch: [(id: Int64, path: StorePath)]
            do {
                batch = try database.paths(registeredAfter: after, limit: 5_000)
            } catch {
                logger.warning("cache watch: cannot read new paths from the Nix database: \(error)")
                return queued
            }
            guard let last = batch.last else { return queued }
            let paths = batch.map(\.path).filter { includeDerivations || !$0.name.hasSuffix(".drv") }
            if !paths.isEmpty {
                await uploader.offer(paths)
                queued += paths.count
            }
            cursor.advance(to: last.id)
        }
    }

    /// Watches until the task is cancelled.
    public func run(into uploader: CacheUploader) async {
        let tick: Duration = locks == nil ? pollInterval : min(pollInterval, .milliseconds(250))
        var sincePoll = Duration.zero
        var first = true
        while !Task.isCancelled {
            let triggered = locks?.drainLockDeletions() ?? false
            if first || triggered || sincePoll >= pollInterval {
                first = false
                await sweep(into: uploader)
                sincePoll = .zero
            }
            do {
                try await Task.sleep(for: tick)
            } catch {
                return
            }
            sincePoll += tick
        }
    }
}
