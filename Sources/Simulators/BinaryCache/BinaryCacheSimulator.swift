import Foundation
import Synchronization

/// A Nix binary cache served over HTTP from a directory, as `nix copy --to http://…` and
/// `nix-store -r --option substituters http://…` expect it: `GET`/`HEAD` answer 200 with
/// the file or 404, `PUT` stores the body (any 2xx is success for Nix). Serve it with
/// ``SimulatorHTTPServer`` (which answers `Expect: 100-continue` at once, as Nix's curl
/// wants).
///
/// For tests: every request is recorded (``requests``), faults can be armed
/// (``failNext(_:status:retryAfter:method:pathSuffix:)``) and the whole cache can be made
/// unavailable (``isUnavailable``), answering 503 to everything.
public final class BinaryCacheSimulator: SimulatorHTTPHandler {
    /// One request as the simulator saw it.
    public struct Request: Sendable, Hashable {
        /// `GET`, `HEAD`, `PUT`, …
        public var method: String
        /// The key, without the leading `/`.
        public var key: String
        /// The `Content-Type` sent.
        public var contentType: String?
        /// Bytes in the body.
        public var bodySize: Int
        /// The status answered.
        public var status: Int
    }

    private struct Fault {
        var remaining: Int
        var status: Int
        var retryAfter: String?
        var method: String?
        var pathSuffix: String?
    }

    private struct State {
        var requests: [Request] = []
        var faults: [Fault] = []
        var unavailable = false
    }

    /// Where the files are.
    public let directory: String
    private let state = Mutex(State())

    /// Serves (and stores into) `directory`, which is created when missing.
    public init(directory: String) throws {
        self.directory = directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Every request so far, in order.
    public var requests: [Request] { state.withLock { $0.requests } }

    /// Whether every request is answered 503 (the cache is "down").
    public var isUnavailable: Bool {
        get { state.withLock { $0.unavailable } }
        set { state.withLock { $0.unavailable = newValue } }
    }

    /// Answers the next `count` requests that match `method` and `pathSuffix` (nil =
    /// any) with `status` (and `Retry-After` when given) instead of serving them.
    public func failNext(_ count: Int, status: Int, retryAfter: String? = nil, method: String? = nil, pathSuffix: String? = nil) {
        state.withLock {
            $0.faults.append(Fault(remaining: count, status: status, retryAfter: retryAfter, method: method, pathSuffix: pathSuffix))
        }
    }

    public func handle(_ request: SimulatorHTTPRequest) async -> SimulatorHTTPAction {
        let key = String(request.path.drop { $0 == "/" })
        let response = respond(request, key: key)
        state.withLock {
            $0.requests.append(Request(method: request.method, key: key, contentType: request.headers["Content-Type"],
                                       bodySize: request.body.count, status: response.status))
        }
        return .respond(response)
    }

    private func respond(_ request: SimulatorHTTPRequest, key: String) -> SimulatorHTTPResponse {
        let fault = state.withLock { state -> SimulatorHTTPResponse? in
            if state.unavailable { return .text(503, "cache unavailable\n") }
            guard let index = state.faults.firstIndex(where: { fault in
                fault.remaining > 0 && (fault.method == nil || fault.method == request.method)
                    && (fault.pathSuffix == nil || key.hasSuffix(fault.pathSuffix!))
            }) else { return nil }
            state.faults[index].remaining -= 1
            let fault = state.faults[index]
            if fault.remaining == 0 { state.faults.remove(at: index) }
            var headers: SimulatorHTTPHeaders = [:]
            if let retryAfter = fault.retryAfter { headers.add(name: "Retry-After", value: retryAfter) }
            return .text(fault.status, "injected fault\n", headers: headers)
        }
        if let fault { return fault }
        guard !key.isEmpty, !key.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else {
            return .text(400, "bad path\n")
        }
        let file = directory + "/" + key
        switch request.method {
        case "GET", "HEAD":
            guard let data = FileManager.default.contents(atPath: file) else { return .text(404, "not found\n") }
            let headers: SimulatorHTTPHeaders = ["Content-Type": Self.contentType(of: key)]
            return SimulatorHTTPResponse(status: 200, headers: headers, body: request.method == "HEAD" ? [] : Array(data))
        case "PUT":
            do {
                let parent = (file as NSString).deletingLastPathComponent
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
                try Data(request.body).write(to: URL(fileURLWithPath: file), options: .atomic)
                return SimulatorHTTPResponse(status: 201)
            } catch {
                return .text(500, "cannot store: \(error)\n")
            }
        default:
            return .text(405, "method not allowed\n")
        }
    }

    private static func contentType(of key: String) -> String {
        if key.hasSuffix(".narinfo") { return "text/x-nix-narinfo" }
        if key == "nix-cache-info" { return "text/x-nix-cache-info" }
        return "application/x-nix-nar"
    }
}
