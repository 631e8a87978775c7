import Logging
import Synchronization

/// The upload queue of one target: roots come in, a planner expands them to their
/// closures and asks the cache what is missing, and workers upload the missing paths,
/// each only after the paths it references (so a narinfo never appears before the
/// narinfos of its references). A path that fails fails alone, together with the paths
/// that reference it; everything else goes on.
final class TargetPipeline: Sendable {
    private struct Node {
        var info: StorePathInfo
        var waitingFor: Set<StorePath>
        var dependents: [StorePath] = []
    }

    private struct State {
        var intake: [StorePath] = []
        var intakeSet: Set<StorePath> = []
        var planning = false
        var nodes: [StorePath: Node] = [:]
        var ready: [StorePath] = []
        var readyHead = 0
        var settled: Set<StorePath> = []
        var failed: [StorePath: String] = [:]
        var finished = false
        var prepared = false
        var statistics = UploadStatistics()

        var queueDepth: Int { intake.count + nodes.count }
        var isIdle: Bool { intake.isEmpty && !planning && nodes.isEmpty }
    }

    let target: any CacheTarget
    let runner: RequestRunner
    private let database: NixDatabase
    private let configuration: CacheUploaderConfiguration
    private let logger: Logger
    private let onEvent: @Sendable (UploadEvent) -> Void
    private let state = Mutex(State())
    private let changes = ChangeNotifier()

    init(
        target: any CacheTarget, database: NixDatabase, configuration: CacheUploaderConfiguration, logger: Logger,
        onEvent: @escaping @Sendable (UploadEvent) -> Void
    ) {
        self.target = target
        self.database = database
        self.configuration = configuration
        self.logger = logger
        self.onEvent = onEvent
        let counter = Counter()
        self.retryCounter = counter
        self.runner = RequestRunner(
            target: target.description, retry: configuration.retry, breaker: CircuitBreaker(policy: configuration.circuitBreaker),
            logger: logger, onRetry: { counter.increment() })
    }

    private let retryCounter: Counter

    /// Counters now.
    var statistics: UploadStatistics {
        var snapshot = state.withLock { state -> UploadStatistics in
            var statistics = state.statistics
            statistics.queueDepth = state.queueDepth
            return statistics
        }
        snapshot.retries = retryCounter.value
        snapshot.circuitOpen = runner.breaker.isOpen
        snapshot.disabledTargets = runner.breaker.disabledReason == nil ? 0 : 1
        return snapshot
    }

    // MARK: - Input

    /// Adds roots that are new to this pipeline. With `wait`, suspends while the intake
    /// is full; without, drops what does not fit. Returns how many were dropped.
    func add(_ paths: [StorePath], wait: Bool) async -> Int {
        var remaining = paths[...]
        var dropped = 0
        while !remaining.isEmpty {
            let seen = changes.generation
            let (taken, full) = state.withLock { state -> (Int, Bool) in
                var taken = 0
                while let path = remaining.first, state.intake.count < configuration.queueCapacity {
                    remaining = remaining.dropFirst()
                    taken += 1
                    if state.intakeSet.contains(path) || state.nodes[path] != nil || state.settled.contains(path) { continue }
                    state.intake.append(path)
                    state.intakeSet.insert(path)
                    state.statistics.pathsQueued += 1
                }
                return (taken, !remaining.isEmpty)
            }
            if taken > 0 { changes.notify() }
            guard full else { break }
            if !wait || Task.isCancelled {
                dropped = remaining.count
                break
            }
            await changes.wait(after: seen)
        }
        return dropped
    }

    /// No more roots will come; ``run()`` returns once everything queued is done.
    func finish() {
        state.withLock { $0.finished = true }
        changes.notify()
    }

    /// Waits until nothing is queued, being planned or uploading.
    func waitUntilIdle() async {
        while !Task.isCancelled {
            let seen = changes.generation
            if state.withLock({ $0.isIdle }) { return }
            await changes.wait(after: seen)
        }
    }

    // MARK: - Running

    /// Runs the planner and the workers until ``finish()`` was called and the queue is
    /// empty, or the task is cancelled.
    func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.planLoop() }
            for _ in 0..<configuration.jobs {
                group.addTask { await self.workLoop() }
            }
        }
    }

    private func planLoop() async {
        while !Task.isCancelled {
            let seen = changes.generation
            enum Step { case plan([StorePath]), wait, stop }
            let step = state.withLock { state -> Step in
                if !state.intake.isEmpty {
                    let batch = Array(state.intake.prefix(configuration.planningBatchSize))
                    state.intake.removeFirst(batch.count)
                    state.intakeSet.subtract(batch)
                    state.planning = true
                    return .plan(batch)
                }
                return state.finished ? .stop : .wait
            }
            switch step {
            case .stop:
                changes.notify()
                return
            case .wait:
                await changes.wait(after: seen)
            case .plan(let batch):
                await plan(batch)
                state.withLock { $0.planning = false }
                changes.notify()
            }
        }
    }

    private func plan(_ roots: [StorePath]) async {
        do throws(CacheTargetError) {
            if !state.withLock({ $0.prepared }) {
                try await target.prepare(runner: runner)
                state.withLock { $0.prepared = true }
            }
        } catch {
            fail(roots, reason: "cannot prepare the cache: \(error)")
            return
        }

        var closure: [StorePath] = []
        var skipped = 0
        do throws(PathInfoError) {
            var validRoots: [StorePath] = []
            for root in roots {
                if try database.isValid(root) {
                    validRoots.append(root)
                } else {
                    skipped += 1
                    logger.warning("cache \(target): skipping \(root): not a valid store path (yet)")
                }
            }
            closure = try database.closure(of: validRoots)
        } catch {
            fail(roots, reason: error.description)
            return
        }

        let candidates = state.withLock { state in
            closure.filter { state.nodes[$0] == nil && !state.settled.contains($0) }
        }
        var infos: [StorePathInfo] = []
        do throws(PathInfoError) {
            for path in candidates {
                guard let info = try database.info(path) else {
                    skipped += 1
                    continue
                }
                if !configuration.includeDerivations && path.name.hasSuffix(".drv") {
                    skipped += 1
                    continue
                }
                if !configuration.upstreamKeyNames.isDisjoint(with: info.signingKeyNames) {
                    skipped += 1
                    continue
                }
                infos.append(info)
            }
        } catch {
            fail(candidates, reason: error.description)
            return
        }
        state.withLock { $0.statistics.pathsSkipped += skipped }
        guard !infos.isEmpty else { return }

        let missing: Set<StorePath>
        do throws(CacheTargetError) {
            missing = try await target.missing(infos, runner: runner)
        } catch {
            fail(infos.map(\.path), reason: "cannot ask which paths are missing: \(error)")
            return
        }
        let present = infos.count - missing.count
        if present > 0 { onEvent(.alreadyPresent(count: present, target: target.description)) }

        var cascade: [(StorePath, String)] = []
        state.withLock { state in
            state.statistics.pathsAlreadyPresent += present
            for info in infos where !missing.contains(info.path) {
                state.settled.insert(info.path)
            }
            // `infos` is in closure order: references before referrers.
            for info in infos where missing.contains(info.path) {
                var waitingFor = Set<StorePath>()
                var brokenReference: StorePath?
                for dependency in info.dependencies {
                    if state.nodes[dependency] != nil {
                        waitingFor.insert(dependency)
                    } else if state.failed[dependency] != nil {
                        brokenReference = dependency
                    }
                }
                if let brokenReference {
                    cascade.append((info.path, "its reference \(brokenReference) was not uploaded"))
                    state.failed[info.path] = "reference failed"
                    state.statistics.pathsFailed += 1
                    continue
                }
                state.failed[info.path] = nil
                state.nodes[info.path] = Node(info: info, waitingFor: waitingFor)
                for dependency in waitingFor { state.nodes[dependency]?.dependents.append(info.path) }
                if waitingFor.isEmpty { state.ready.append(info.path) }
            }
        }
        for (path, reason) in cascade { report(path, reason) }
    }

    private func workLoop() async {
        while !Task.isCancelled {
            let seen = changes.generation
            enum Step { case upload(StorePathInfo), wait, stop }
            let step = state.withLock { state -> Step in
                if state.readyHead < state.ready.count {
                    let path = state.ready[state.readyHead]
                    state.readyHead += 1
                    if state.readyHead > 1024 && state.readyHead * 2 > state.ready.count {
                        state.ready.removeFirst(state.readyHead)
                        state.readyHead = 0
                    }
                    guard let node = state.nodes[path] else { return .wait }
                    state.statistics.inFlight += 1
                    return .upload(node.info)
                }
                return state.finished && state.isIdle ? .stop : .wait
            }
            switch step {
            case .stop: return
            case .wait: await changes.wait(after: seen)
            case .upload(let info): await upload(info)
            }
        }
    }

    private func upload(_ info: StorePathInfo) async {
        let started = ContinuousClock.now
        var result: Result<UploadOutcome, CacheTargetError>
        let valid = (try? database.isValid(info.path)) ?? true
        if !valid {
            result = .failure(.narUnreadable(path: info.path.path, reason: "the path is no longer valid (garbage-collected?)"))
        } else {
            do throws(CacheTargetError) {
                let source = NARSource(physicalPath: database.store.physicalPath(of: info.path))
                result = .success(try await target.upload(info, nar: source, runner: runner))
            } catch {
                result = .failure(error)
            }
        }
        switch result {
        case .success(let outcome):
            complete(info.path, outcome: outcome)
            onEvent(.uploaded(path: info.path, target: target.description, outcome: outcome, duration: ContinuousClock.now - started))
        case .failure(.cancelled):
            state.withLock { $0.statistics.inFlight -= 1 }
            changes.notify()
        case .failure(let error):
            state.withLock { $0.statistics.inFlight -= 1 }
            fail([info.path], reason: error.description)
        }
    }

    private func complete(_ path: StorePath, outcome: UploadOutcome) {
        state.withLock { state in
            state.statistics.inFlight -= 1
            switch outcome {
            case .uploaded(let narBytes, let sentBytes):
                state.statistics.pathsUploaded += 1
                state.statistics.narBytes += narBytes
                state.statistics.sentBytes += sentBytes
            case .deduplicated(let narBytes, let sentBytes):
                state.statistics.pathsDeduplicated += 1
                state.statistics.narBytes += narBytes
                state.statistics.sentBytes += sentBytes
            }
            state.settled.insert(path)
            guard let node = state.nodes.removeValue(forKey: path) else { return }
            for dependent in node.dependents {
                guard state.nodes[dependent] != nil else { continue }
                state.nodes[dependent]!.waitingFor.remove(path)
                if state.nodes[dependent]!.waitingFor.isEmpty { state.ready.append(dependent) }
            }
        }
        changes.notify()
    }

    /// Marks `paths` failed, and every queued path that references one of them.
    private func fail(_ paths: [StorePath], reason: String) {
        var reports: [(StorePath, String)] = []
        state.withLock { state in
            var pending = paths.map { ($0, reason) }
            while let (path, why) = pending.popLast() {
                guard state.failed[path] == nil else { continue }
                state.failed[path] = why
                state.statistics.pathsFailed += 1
                reports.append((path, why))
                if let node = state.nodes.removeValue(forKey: path) {
                    for dependent in node.dependents where state.nodes[dependent] != nil {
                        pending.append((dependent, "its reference \(path) was not uploaded"))
                    }
                }
            }
        }
        changes.notify()
        for (path, why) in reports { report(path, why) }
    }

    private func report(_ path: StorePath, _ reason: String) {
        logger.warning("cache \(target): \(path) not uploaded: \(reason)")
        onEvent(.failed(path: path, target: target.description, reason: reason))
    }
}
