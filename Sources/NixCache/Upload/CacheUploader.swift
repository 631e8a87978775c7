import Logging

/// Pushes store paths to one or more caches in the background, fail-tolerant: the API a
/// job supervisor (or `flywheel cache watch`) runs beside a build.
///
/// ```swift
/// let uploader = CacheUploader(targets: targets, database: database)
/// try await withThrowingDiscardingTaskGroup { group in
///     group.addTask { await uploader.run() }
///     uploader.offer(paths)               // from a watcher, the hook socket, …
///     // … the job runs …
///     let drained = await uploader.flush(timeout: .seconds(300))
///     uploader.finish()                   // run() returns once the queue is empty
/// }
/// ```
///
/// Each target has its own bounded queue, `jobs` workers, retries and circuit breaker, so
/// a slow or broken cache never holds up another. Nothing here throws: failures are
/// one-line warnings, counted in ``statistics``.
public final class CacheUploader: Sendable {
    private let pipelines: [TargetPipeline]

    /// Creates an uploader for `targets`, reading path info from `database`.
    public init(
        targets: [any CacheTarget], database: NixDatabase, configuration: CacheUploaderConfiguration = CacheUploaderConfiguration(),
        logger: Logger = Logger(label: "flywheel.cache"), onEvent: @escaping @Sendable (UploadEvent) -> Void = { _ in }
    ) {
        pipelines = targets.map {
            TargetPipeline(target: $0, database: database, configuration: configuration, logger: logger, onEvent: onEvent)
        }
    }

    /// Uploads until ``finish()`` was called and everything queued is done, or until the
    /// task is cancelled.
    public func run() async {
        await withDiscardingTaskGroup { group in
            for pipeline in pipelines {
                group.addTask { await pipeline.run() }
            }
        }
    }

    /// Queues `paths` (and so their closures), waiting while a queue is full.
    public func enqueue(_ paths: [StorePath]) async {
        for pipeline in pipelines {
            _ = await pipeline.add(paths, wait: true)
        }
    }

    /// Queues `paths` without waiting. Returns `false` when a queue was full and some
    /// paths were dropped (a warning says how many).
    @discardableResult
    public func offer(_ paths: [StorePath]) async -> Bool {
        var complete = true
        for pipeline in pipelines {
            let dropped = await pipeline.add(paths, wait: false)
            if dropped > 0 {
                complete = false
                pipeline.runner.logger.warning("cache \(pipeline.target): queue full, dropped \(dropped) paths")
            }
        }
        return complete
    }

    /// No more paths will be queued; ``run()`` returns once the queues are empty.
    public func finish() {
        for pipeline in pipelines { pipeline.finish() }
    }

    /// Waits until every queue is empty and no upload runs, or `timeout` passes.
    /// Returns `true` when everything was drained.
    public func flush(timeout: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await withDiscardingTaskGroup { inner in
                    for pipeline in self.pipelines {
                        inner.addTask { await pipeline.waitUntilIdle() }
                    }
                }
                return !Task.isCancelled
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let drained = await group.next() ?? false
            group.cancelAll()
            return drained
        }
    }

    /// Counters summed over all targets.
    public var statistics: UploadStatistics {
        pipelines.map(\.statistics).reduce(UploadStatistics(), +)
    }

    /// Counters per target, in the order the targets were given.
    public var targetStatistics: [(target: String, statistics: UploadStatistics)] {
        pipelines.map { ($0.target.description, $0.statistics) }
    }
}
