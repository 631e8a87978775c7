import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// The state machine behind ``ResourceWatch``: list, watch, resume from the last resourceVersion, relist on 410.
/// Owned by one iterator, so it needs no locking.
final class WatchDriver<Object: KubernetesResource> {
    let client: KubernetesClient
    let namespace: String
    let options: WatchOptions

    /// The resourceVersion to resume from: the last event's, bookmark's or list's.
    private(set) var resourceVersion: String?
    private var needsList: Bool
    /// The last delivered state of every object, by `namespace/name`: for duplicate detection and the relist diff.
    private var known: [String: Object] = [:]
    private var pending: [WatchUpdate<Object>] = []
    private var pendingIndex = 0
    private var reader: JSONLineReader?
    private var connectionOpened = ContinuousClock.now
    private var eventsOnConnection = 0
    /// Consecutive failures (cut connections, ERROR events, undecodable lines) since the last event.
    private var failures = 0
    /// Consecutive connections that ended cleanly at once without an event.
    private var emptyConnections = 0

    init(client: KubernetesClient, namespace: String, options: WatchOptions) {
        self.client = client
        self.namespace = namespace
        self.options = options
        self.resourceVersion = options.resourceVersion.flatMap { $0.isEmpty ? nil : $0 }
        self.needsList = resourceVersion == nil
    }

    private var operation: String { "WATCH \(Object.collectionPath(namespace: namespace))" }

    func next() async throws -> WatchUpdate<Object>? {
        while true {
            try Task.checkCancellation()
            if pendingIndex < pending.count {
                defer {
                    pendingIndex += 1
                    if pendingIndex == pending.count {
                        pending.removeAll(keepingCapacity: false)
                        pendingIndex = 0
                    }
                }
                return pending[pendingIndex]
            }
            if needsList {
                try await relist()
                continue
            }
            guard var current = reader else {
                try await connect()
                continue
            }
            let line: ByteBuffer?
            do {
                line = try await current.nextLine()
                reader = current
            } catch let error as CancellationError {
                throw error
            } catch {
                reader = nil
                try await fail(KubernetesClientError(code: .transport, operation: operation, message: "the stream broke (\(error))"), what: "the watch stream broke")
                continue
            }
            guard let line else {
                reader = nil
                try await streamEnded()
                continue
            }
            let event: WatchEvent<Object>
            do {
                event = try JSONDecoder().decode(WatchEvent<Object>.self, from: Data(line.readableBytesView))
            } catch {
                reader = nil
                let failure = KubernetesClientError(
                    code: .decoding, operation: operation, message: "a watch event is not readable: \(KubernetesJSON.describe(error))"
                )
                try await fail(failure, what: "an undecodable watch event")
                continue
            }
            eventsOnConnection += 1
            if let update = try await handle(event) { return update }
        }
    }

    /// Applies one event; returns what to deliver, if anything.
    private func handle(_ event: WatchEvent<Object>) async throws -> WatchUpdate<Object>? {
        switch event {
        case .added(let object), .modified(let object):
            failures = 0
            advance(to: object.metadata.resourceVersion)
            let key = object.cacheKey
            if let previous = known[key], let version = object.metadata.resourceVersion,
                previous.metadata.resourceVersion == version, previous.metadata.uid == object.metadata.uid
            {
                return nil
            }
            let isNew = known[key] == nil || known[key]?.metadata.uid != object.metadata.uid
            known[key] = object
            if case .added = event { return .added(object) }
            return isNew ? .added(object) : .modified(object)
        case .deleted(let object):
            failures = 0
            advance(to: object.metadata.resourceVersion)
            known[object.cacheKey] = nil
            return .deleted(object)
        case .bookmark(let version):
            failures = 0
            advance(to: version)
            return nil
        case .error(let status):
            reader = nil
            let error = KubernetesError(operation: operation, status: status)
            if error.isGone {
                client.logger.info("\(operation): resourceVersion \(resourceVersion ?? "") expired (\(error.message)); listing again")
                needsList = true
                return nil
            }
            try await fail(error, what: "the watch reported \(error.code) \(error.reason)")
            return nil
        }
    }

    private func advance(to version: String?) {
        if let version, !version.isEmpty { resourceVersion = version }
    }

    /// Opens a watch from the remembered resourceVersion; a 410 answer schedules a relist.
    private func connect() async throws {
        var query: [(String, String?)] = [
            ("watch", "true"), ("resourceVersion", resourceVersion), ("allowWatchBookmarks", options.allowBookmarks ? "true" : nil),
            ("timeoutSeconds", options.timeoutSeconds.map(String.init)), ("labelSelector", options.labelSelector),
            ("fieldSelector", options.fieldSelector),
        ]
        query.removeAll { $0.1 == nil }
        let path = KubernetesPath.withQuery(Object.collectionPath(namespace: namespace), query)
        do {
            let response = try await client.open(APIRequest(method: .GET, path: path, idempotent: true))
            reader = JSONLineReader(response.body)
            connectionOpened = .now
            eventsOnConnection = 0
        } catch let error as KubernetesError where error.isGone {
            client.logger.info("\(operation): resourceVersion \(resourceVersion ?? "") is gone; listing again")
            needsList = true
        }
    }

    /// A clean end of the stream: reconnect from the last resourceVersion, after a pause when the connection
    /// delivered nothing within a second (a server that keeps closing at once must not make us spin).
    private func streamEnded() async throws {
        if eventsOnConnection == 0, ContinuousClock.now - connectionOpened < .seconds(1) {
            emptyConnections += 1
            try await Task.sleep(for: client.retry.delay(afterAttempt: emptyConnections))
        } else {
            emptyConnections = 0
        }
    }

    /// Counts a failure; throws `error` once `maxAttempts` failures in a row happened, else backs off.
    private func fail(_ error: any Error, what: String) async throws {
        failures += 1
        guard failures < max(1, client.retry.maxAttempts) else { throw error }
        let wait = client.retry.delay(afterAttempt: failures)
        client.logger.warning("\(operation): \(what); reconnecting from resourceVersion \(resourceVersion ?? "(none)") in \(wait)")
        try await Task.sleep(for: wait)
    }

    /// LISTs, queues the diff against what was delivered plus a `.resync`, and resumes watching from the list.
    private func relist() async throws {
        let list = try await client.list(
            Object.self, namespace: namespace, options: ListOptions(labelSelector: options.labelSelector, fieldSelector: options.fieldSelector)
        )
        let items = list.items
        var fresh: [String: Object] = [:]
        for item in items { fresh[item.cacheKey] = item }
        var updates: [WatchUpdate<Object>] = []
        for key in known.keys.sorted() {
            guard let old = known[key] else { continue }
            if let now = fresh[key], now.metadata.uid == old.metadata.uid { continue }
            updates.append(.deleted(old))
        }
        for item in items {
            if let old = known[item.cacheKey], old.metadata.uid == item.metadata.uid {
                if old.metadata.resourceVersion != item.metadata.resourceVersion { updates.append(.modified(item)) }
            } else {
                updates.append(.added(item))
            }
        }
        let version = list.metadata.resourceVersion ?? ""
        updates.append(.resync(objects: items, resourceVersion: version))
        known = fresh
        resourceVersion = version.isEmpty ? nil : version
        needsList = false
        failures = 0
        pending.append(contentsOf: updates)
    }
}
