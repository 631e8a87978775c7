/// Waits for a condition that another task makes true (bounded: fails the wait after
/// `timeout`), checking every 20 ms. For conditions with no event to await, such as a
/// background watcher noticing a new store path.
enum Eventually {
    struct TimedOut: Error, CustomStringConvertible {
        let what: String
        var description: String { "timed out waiting for \(what)" }
    }

    static func wait(_ what: String, timeout: Duration = .seconds(30), _ condition: () async -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !(await condition()) {
            guard ContinuousClock.now < deadline else { throw TimedOut(what: what) }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
