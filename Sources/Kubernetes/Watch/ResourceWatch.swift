/// LIST + WATCH of one resource type as a single, resumable sequence of ``WatchUpdate``s
/// (client-go's Reflector, notes §1.3).
///
/// Semantics:
/// 1. **Start.** Without ``WatchOptions/resourceVersion`` the watch LISTs first and delivers the list as
///    `.added` for every object followed by one `.resync`, then watches from the list's resourceVersion. With one,
///    it watches from there directly (nothing delivered until something changes).
/// 2. **Events.** `ADDED`/`MODIFIED`/`DELETED` are delivered as `.added`/`.modified`/`.deleted`. Every event and
///    every `BOOKMARK` (requested with `allowWatchBookmarks=true`, never delivered) advances the remembered
///    resourceVersion. An ADDED/MODIFIED whose object has the same resourceVersion as the state last delivered for
///    it is a duplicate and is dropped.
/// 3. **Cut stream.** When the server ends the stream (its `timeoutSeconds`, a proxy, a restart) or the connection
///    breaks, the watch reconnects from the last resourceVersion at once; a connection that ended without
///    delivering anything backs off first. Nothing is lost or repeated.
/// 4. **410 Gone** (an HTTP 410 answer or an `ERROR` event with code 410): the resourceVersion is too old. The
///    watch LISTs again and diffs the list against what it has delivered: `.deleted` (last known state) for objects
///    that vanished, `.added` for new ones, `.modified` for changed ones (resourceVersion differs), then `.resync`
///    with the whole list, then watches from the list's resourceVersion.
/// 5. **Errors.** Opening a watch or list retries 429/5xx/connection failures per ``KubernetesRetryPolicy``; other
///    `ERROR` events back off and reconnect. The sequence throws (and ends) when those retries are used up, on a
///    non-retryable answer (e.g. 403), or after `maxAttempts` consecutive failed reconnections.
///
/// The sequence is pull-based: one event is decoded per `next()`, and the HTTP body is read only as fast as the
/// consumer asks. Stopping the iteration (or cancelling its task) closes the connection.
public struct ResourceWatch<Object: KubernetesResource>: AsyncSequence, Sendable {
    public typealias Element = WatchUpdate<Object>

    private let makeNext: @Sendable () -> (() async throws -> WatchUpdate<Object>?)

    init(client: KubernetesClient, namespace: String, options: WatchOptions) {
        makeNext = {
            let driver = WatchDriver<Object>(client: client, namespace: namespace, options: options)
            return { try await driver.next() }
        }
    }

    /// A watch delivering what `updates` delivers, for mocks of ``KubernetesAPI``.
    public init<Updates: AsyncSequence & Sendable>(_ updates: Updates) where Updates.Element == WatchUpdate<Object> {
        makeNext = {
            let box = AsyncIteratorBox(updates.makeAsyncIterator())
            return { try await box.next() }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(next: makeNext())
    }

    /// Iterates the updates; owned by one consumer.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let nextUpdate: () async throws -> WatchUpdate<Object>?

        init(next: @escaping () async throws -> WatchUpdate<Object>?) {
            nextUpdate = next
        }

        public mutating func next() async throws -> WatchUpdate<Object>? {
            try await nextUpdate()
        }
    }
}
