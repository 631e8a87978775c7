/// The simulated etcd plus watch cache: objects by key, one global resourceVersion counter,
/// an event history with a compaction floor, and the open watch subscriptions.
///
/// A value type kept behind the cluster's `Mutex`; every write stamps a new resourceVersion,
/// appends to the history and fans the event out to subscriptions.
struct ClusterStore {
    /// The last resourceVersion handed out.
    private(set) var resourceVersion: Int64
    private(set) var objects: [ObjectKey: SimulatedJSON] = [:]
    private(set) var uidIndex: [String: ObjectKey] = [:]
    private(set) var history: [StoredEvent] = []
    /// Watches and exact reads at a resourceVersion below this answer 410.
    private(set) var compactedThrough: Int64
    /// Most events kept in the history.
    let historyLimit: Int
    /// How long events are kept in the history.
    let historyRetention: Duration
    private var subscriptions: [Int: WatchSubscription] = [:]
    private var nextSubscriptionID = 0

    init(initialResourceVersion: Int64, historyLimit: Int, historyRetention: Duration) {
        self.resourceVersion = initialResourceVersion
        self.compactedThrough = initialResourceVersion
        self.historyLimit = max(1, historyLimit)
        self.historyRetention = historyRetention
    }

    // MARK: Reads

    func object(_ key: ObjectKey) -> SimulatedJSON? { objects[key] }

    func key(forUID uid: String) -> ObjectKey? { uidIndex[uid] }

    /// Objects selected by `filter`, sorted by key.
    func items(_ filter: WatchFilter) -> [(key: ObjectKey, object: SimulatedJSON)] {
        objects.filter { filter.selects($0.key, $0.value) }
            .sorted { $0.key < $1.key }
            .map { (key: $0.key, object: $0.value) }
    }

    /// The whole store as it was right after `version`, rebuilt from the history; `nil` when
    /// the history no longer reaches back that far (or `version` lies in the future).
    func snapshot(at version: Int64) -> [ObjectKey: SimulatedJSON]? {
        guard version >= compactedThrough, version <= resourceVersion else { return nil }
        var state = objects
        for event in history.reversed() where event.resourceVersion > version {
            switch event.type {
            case .added: state[event.key] = nil
            case .modified, .deleted: state[event.key] = event.previous
            case .bookmark, .error: break
            }
        }
        return state
    }

    // MARK: Writes

    /// Stores `object` at `key` with a new resourceVersion and records ADDED or MODIFIED.
    /// Returns the stored object.
    @discardableResult
    mutating func write(_ object: SimulatedJSON, at key: ObjectKey) -> SimulatedJSON {
        resourceVersion += 1
        var stored = object
        stored.setValue(.string(String(resourceVersion)), at: ["metadata", "resourceVersion"])
        let previous = objects[key]
        objects[key] = stored
        let uid = stored.metadataUID
        if !uid.isEmpty { uidIndex[uid] = key }
        record(StoredEvent(resourceVersion: resourceVersion, key: key, type: previous == nil ? .added : .modified,
                           object: stored, previous: previous, recordedAt: .now))
        return stored
    }

    /// Removes the object at `key`, recording DELETED with the object's last state stamped with
    /// the deletion's resourceVersion. Returns that last state.
    @discardableResult
    mutating func remove(_ key: ObjectKey) -> SimulatedJSON? {
        guard let previous = objects.removeValue(forKey: key) else { return nil }
        uidIndex[previous.metadataUID] = nil
        resourceVersion += 1
        var last = previous
        last.setValue(.string(String(resourceVersion)), at: ["metadata", "resourceVersion"])
        record(StoredEvent(resourceVersion: resourceVersion, key: key, type: .deleted, object: last,
                           previous: previous, recordedAt: .now))
        return last
    }

    /// Forgets the whole history: every resourceVersion before the current one becomes too old.
    mutating func compact() {
        history.removeAll()
        compactedThrough = resourceVersion
    }

    private mutating func record(_ event: StoredEvent) {
        history.append(event)
        let horizon = event.recordedAt - historyRetention
        var drop = 0
        while drop < history.count, history.count - drop > historyLimit || history[drop].recordedAt < horizon {
            drop += 1
        }
        if drop > 0 {
            compactedThrough = history[drop - 1].resourceVersion
            history.removeFirst(drop)
        }
        for subscription in subscriptions.values { subscription.deliver(event) }
    }

    // MARK: Watches

    /// Why a watch could not start.
    enum WatchStart: Error {
        case tooOld(requested: Int64, oldest: Int64)
    }

    /// Opens a subscription. With `from == nil` it first queues a synthetic ADDED for every
    /// selected object; otherwise it queues the history after `from`. Both happen under the
    /// same lock as the registration, so no event is lost or duplicated.
    mutating func subscribe(_ filter: WatchFilter, from version: Int64?, capacity: Int, isInternal: Bool = false) throws(WatchStart) -> WatchSubscription {
        nextSubscriptionID += 1
        let subscription = WatchSubscription(id: nextSubscriptionID, filter: filter, capacity: capacity, isInternal: isInternal)
        var backlog: [StoredEvent] = []
        if let version {
            guard version >= compactedThrough else { throw .tooOld(requested: version, oldest: compactedThrough + 1) }
            backlog = history.filter { $0.resourceVersion > version }
        } else {
            backlog = items(filter).map {
                StoredEvent(resourceVersion: Int64($0.object.string(at: ["metadata", "resourceVersion"]) ?? "") ?? 0,
                            key: $0.key, type: .added, object: $0.object, previous: nil, recordedAt: .now)
            }
        }
        subscription.preload(backlog)
        subscriptions[subscription.id] = subscription
        return subscription
    }

    mutating func unsubscribe(_ subscription: WatchSubscription) {
        subscriptions[subscription.id] = nil
    }

    /// Ends every open client subscription (and, when stopping, the internal ones too).
    mutating func endAllSubscriptions(_ ending: WatchSubscription.Ending) {
        for (id, subscription) in subscriptions where ending == .stopped || !subscription.isInternal {
            subscription.end(ending)
            subscriptions[id] = nil
        }
    }

    /// Number of open client watches.
    var openWatchCount: Int { subscriptions.values.filter { !$0.isInternal }.count }
}
