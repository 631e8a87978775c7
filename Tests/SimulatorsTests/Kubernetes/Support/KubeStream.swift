import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Simulators

/// A streamed answer (watch or log follow), read line by line or chunk by chunk.
final class KubeStream {
    let status: Int
    let headers: HTTPHeaders
    private var iterator: HTTPClientResponse.Body.AsyncIterator
    private var pending: [UInt8] = []
    private var finished = false

    init(response: HTTPClientResponse) {
        status = Int(response.status.code)
        headers = response.headers
        iterator = response.body.makeAsyncIterator()
    }

    /// The next line without its `\n`, or `nil` at a clean end of the body. Throws when the
    /// connection breaks mid-body.
    func nextLine() async throws -> [UInt8]? {
        while true {
            if let newline = pending.firstIndex(of: 10) {
                let line = Array(pending[..<newline])
                pending.removeFirst(newline + 1)
                return line
            }
            if finished {
                guard !pending.isEmpty else { return nil }
                defer { pending.removeAll() }
                return pending
            }
            if let buffer = try await iterator.next() {
                pending += Array(buffer.readableBytesView)
            } else {
                finished = true
            }
        }
    }

    /// The next watch event (`{"type":…,"object":…}`), or `nil` at the end of the stream.
    func nextEvent() async throws -> SimulatedJSON? {
        guard let line = try await nextLine() else { return nil }
        return try SimulatedJSON(parsing: line)
    }

    /// Reads events until one satisfies `predicate`; returns it (and the ones before it).
    func events(until predicate: (SimulatedJSON) -> Bool) async throws -> [SimulatedJSON] {
        var events: [SimulatedJSON] = []
        while let event = try await nextEvent() {
            events.append(event)
            if predicate(event) { return events }
        }
        return events
    }

    /// Everything until the end of the body.
    func readToEnd() async throws -> [UInt8] {
        var bytes = pending
        pending.removeAll()
        while !finished, let buffer = try await iterator.next() {
            bytes += Array(buffer.readableBytesView)
        }
        finished = true
        return bytes
    }
}
