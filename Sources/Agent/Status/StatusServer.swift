import Hummingbird
import Logging
import NIOCore

/// `/` (status page), `/metrics` (Prometheus text), `/healthz` (alive) and `/readyz` (ready for jobs: not draining, GitLab
/// reachable) on `listen_address`.
public struct StatusServer: Sendable {
    let agent: Agent
    let host: String
    let port: Int
    let logger: Logger

    /// - Parameter listenAddress: `host:port` (`[::1]:9252` for IPv6).
    public init(agent: Agent, listenAddress: String, logger: Logger) throws {
        guard let colon = listenAddress.lastIndex(of: ":"), let port = Int(listenAddress[listenAddress.index(after: colon)...]) else {
            throw StatusServerError(message: "listen_address must be host:port, got \(listenAddress)")
        }
        var host = String(listenAddress[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.agent = agent
        self.host = host.isEmpty ? "0.0.0.0" : host
        self.port = port
        self.logger = logger
    }

    /// Serves until the calling task is cancelled.
    public func run() async throws {
        let router = Router()
        let agent = self.agent
        router.get("/") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: StatusPage.render(agent: agent)))
            )
        }
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/readyz") { _, _ -> Response in
            let (ready, why) = agent.readiness
            return Response(
                status: ready ? .ok : .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: why + "\n"))
            )
        }
        router.get("/metrics") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: agent.metrics.render()))
            )
        }
        let app = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { [logger] channel in logger.notice("status server on \(channel.localAddress.map { "\($0)" } ?? "?")") },
            logger: logger
        )
        try await app.run()
    }
}

/// A `listen_address` the status server cannot use.
public struct StatusServerError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
