import NIOCore

/// Book-keeping for the open connections of a ``SimulatorHTTPServer``, so that a graceful stop
/// can close idle connections at once and busy ones right after their current response.
struct ConnectionRegistry {
    /// One tracked connection.
    struct Entry {
        var channel: any Channel
        var busy: Bool
    }

    private var entries: [Int: Entry] = [:]
    private var nextID = 0
    /// Set by ``stop()``; no new connections are accepted afterwards.
    private(set) var stopping = false

    /// Registers a new connection. Returns `nil` when the server is stopping.
    mutating func add(_ channel: any Channel) -> Int? {
        guard !stopping else { return nil }
        nextID += 1
        entries[nextID] = Entry(channel: channel, busy: false)
        return nextID
    }

    /// Forgets a connection that has ended.
    mutating func remove(_ id: Int) {
        entries[id] = nil
    }

    /// Marks a connection as working on a request.
    mutating func markBusy(_ id: Int) {
        entries[id]?.busy = true
    }

    /// Marks a connection as idle after a response. Returns `true` when it must close now.
    mutating func markIdle(_ id: Int) -> Bool {
        entries[id]?.busy = false
        return stopping
    }

    /// Enters the stopping state and returns the channels that are idle and should be closed.
    mutating func stop() -> [any Channel] {
        stopping = true
        return entries.values.filter { !$0.busy }.map(\.channel)
    }

    /// Every channel still open (used when a graceful stop runs out of time).
    var allChannels: [any Channel] {
        entries.values.map(\.channel)
    }
}
