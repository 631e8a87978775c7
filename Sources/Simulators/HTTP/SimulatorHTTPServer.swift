#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// A small HTTP/1.1 server on SwiftNIO's `NIOAsyncChannel`, for the simulators.
///
/// Each connection runs as a child task of a discarding task group; requests on a connection are
/// read completely (up to ``maximumBodySize``, else 413), handed to the handler, and answered in
/// order with keep-alive. A handler can also ask to reset the connection without an answer.
///
/// Lifecycle: ``bind(host:port:)`` opens the listener and returns the port; ``serve()`` accepts
/// connections until ``shutdown()`` closes the listener, then waits for in-flight requests to be
/// answered (idle keep-alive connections are closed at once).
///
/// With a ``SimulatorTLSConfiguration`` the server speaks HTTPS (HTTP/1.1 only, no ALPN).
/// Responses with a ``SimulatorHTTPResponse/bodyStream`` are sent with chunked transfer encoding.
public final class SimulatorHTTPServer: Sendable {
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>
    typealias Listener = NIOAsyncChannel<Connection, Never>

    /// Largest request body accepted; larger bodies are answered with 413 and the connection closed.
    public let maximumBodySize: Int
    /// TLS settings; `nil` serves plain HTTP.
    public let tls: SimulatorTLSConfiguration?
    private let handler: any SimulatorHTTPHandler
    private let logger: Logger
    private let listener = Mutex<Listener?>(nil)
    private let connections = Mutex(ConnectionRegistry())

    /// Creates a server that hands every request to `handler`.
    public init(
        handler: any SimulatorHTTPHandler,
        maximumBodySize: Int = 8 * 1024 * 1024,
        logger: Logger = Logger(label: "flywheel.simulator.http"),
        tls: SimulatorTLSConfiguration? = nil
    ) {
        self.handler = handler
        self.maximumBodySize = maximumBodySize
        self.logger = logger
        self.tls = tls
    }

    /// Opens the listening socket. `port` 0 picks a free port. Returns the bound port.
    public func bind(host: String, port: Int) async throws(SimulatorError) -> Int {
        let sslContext: NIOSSLContext?
        if let tls {
            do {
                let chain = try NIOSSLCertificate.fromPEMFile(tls.certificateChainFile).map { NIOSSLCertificateSource.certificate($0) }
                let key = try NIOSSLPrivateKey(file: tls.privateKeyFile, format: .pem)
                sslContext = try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key)))
            } catch {
                throw .bindFailed(host: host, port: port, reason: "TLS setup failed: \(error)")
            }
        } else {
            sslContext = nil
        }
        let bound: Listener
        do {
            bound = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .bind(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let sslContext {
                            try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
                        }
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                        return try Connection(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw .bindFailed(host: host, port: port, reason: "\(error)")
        }
        guard let boundPort = bound.channel.localAddress?.port else {
            bound.channel.close(promise: nil)
            throw .bindFailed(host: host, port: port, reason: "no local address")
        }
        listener.withLock { $0 = bound }
        return boundPort
    }

    /// Accepts connections until ``shutdown()`` (or task cancellation), then returns once every
    /// connection has ended.
    public func serve() async {
        guard let listener = listener.withLock({ $0 }) else { return }
        await withDiscardingTaskGroup { group in
            do {
                try await listener.executeThenClose { inbound in
                    for try await connection in inbound {
                        group.addTask { await self.handle(connection) }
                    }
                }
            } catch {
                logger.debug("listener ended: \(error)")
            }
            // Task cancellation (e.g. a forced stop): close whatever is still open.
            if Task.isCancelled {
                for channel in connections.withLock({ $0.allChannels }) { channel.close(promise: nil) }
            }
        }
    }

    /// Stops accepting, closes idle connections and lets busy ones finish their current response.
    public func shutdown() {
        let idle = connections.withLock { $0.stop() }
        listener.withLock { $0 }?.channel.close(promise: nil)
        for channel in idle { channel.close(promise: nil) }
    }

    /// Closes every connection at once, busy or not.
    public func closeAllConnections() {
        for channel in connections.withLock({ $0.allChannels }) { channel.close(promise: nil) }
    }

    private func handle(_ connection: Connection) async {
        guard let id = connections.withLock({ $0.add(connection.channel) }) else {
            // Accepted while shutting down. Close it through executeThenClose, which also
            // finishes the outbound writer: a bare channel.close() left it unfinished, and
            // NIO traps when an unfinished NIOAsyncWriter is deinitialized (seen as a crash
            // of the whole test process when a client connected during shutdown).
            try? await connection.executeThenClose { _, _ in }
            return
        }
        defer { connections.withLock { $0.remove(id) } }
        let closeSignal = ConnectionCloseSignal()
        connection.channel.closeFuture.whenComplete { _ in closeSignal.fire() }
        do {
            try await connection.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                var body = ByteBuffer()
                var tooLarge = false
                for try await part in inbound {
                    switch part {
                    case .head(let newHead):
                        head = newHead
                        body.clear()
                        tooLarge = false
                        connections.withLock { $0.markBusy(id) }
                        if newHead.headers[canonicalForm: "expect"].contains(where: { $0.lowercased() == "100-continue" }) {
                            try await outbound.write(.head(HTTPResponseHead(version: newHead.version, status: .continue)))
                        }
                    case .body(var chunk):
                        if tooLarge { continue }
                        if body.readableBytes + chunk.readableBytes > maximumBodySize {
                            tooLarge = true
                            body = ByteBuffer()
                        } else {
                            body.writeBuffer(&chunk)
                        }
                    case .end:
                        guard let requestHead = head else { continue }
                        head = nil
                        let keepAlive = requestHead.isKeepAlive && !tooLarge
                        let action: SimulatorHTTPAction
                        if tooLarge {
                            action = .respond(.text(413, "413 Request Entity Too Large\n"))
                        } else {
                            let request = Self.request(from: requestHead, body: body)
                            guard let answer = await handle(request, unlessClosed: closeSignal) else { return }
                            action = answer
                        }
                        switch action {
                        case .respond(let response) where response.bodyStream != nil:
                            let ended = try await stream(response, version: requestHead.version, keepAlive: keepAlive, to: outbound, closeSignal: closeSignal)
                            guard ended else {
                                try? await connection.channel.close()
                                return
                            }
                            let mustClose = connections.withLock { $0.markIdle(id) }
                            if !keepAlive || mustClose { return }
                        case .respond(let response):
                            try await Self.write(response, version: requestHead.version, keepAlive: keepAlive, to: outbound)
                            let mustClose = connections.withLock { $0.markIdle(id) }
                            if !keepAlive || mustClose { return }
                        case .resetConnection:
                            await Self.reset(connection.channel)
                            return
                        }
                    }
                }
            }
        } catch {
            logger.trace("connection ended: \(error)")
        }
    }

    /// Runs the handler; if the peer closes the connection first, cancels it and returns `nil`.
    private func handle(_ request: SimulatorHTTPRequest, unlessClosed closeSignal: ConnectionCloseSignal) async -> SimulatorHTTPAction? {
        await withTaskGroup(of: SimulatorHTTPAction?.self) { group in
            group.addTask { await self.handler.handle(request) }
            group.addTask {
                await closeSignal.wait()
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    /// Sends a streamed response. Returns `true` when the body ended cleanly (terminating chunk
    /// sent), `false` when the producer threw or the peer went away (the connection must close).
    private func stream(
        _ response: SimulatorHTTPResponse,
        version: HTTPVersion,
        keepAlive: Bool,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>,
        closeSignal: ConnectionCloseSignal
    ) async throws -> Bool {
        guard let bodyStream = response.bodyStream else { return true }
        var headers = HTTPHeaders()
        for field in response.headers where !["content-length", "transfer-encoding"].contains(field.name.lowercased()) {
            headers.add(name: field.name, value: field.value)
        }
        headers.replaceOrAdd(name: "Transfer-Encoding", value: "chunked")
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        try await outbound.write(.head(HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)))
        let writer = SimulatorHTTPBodyWriter(outbound: outbound)
        let clean = await withTaskGroup(of: Bool?.self) { group in
            group.addTask {
                do {
                    try await bodyStream.produce(writer)
                    return true
                } catch {
                    return false
                }
            }
            group.addTask {
                await closeSignal.wait()
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? false
        }
        guard clean else { return false }
        try await outbound.write(.end(nil))
        return true
    }

    private static func request(from head: HTTPRequestHead, body: ByteBuffer) -> SimulatorHTTPRequest {
        var headers = SimulatorHTTPHeaders()
        for (name, value) in head.headers { headers.add(name: name, value: value) }
        return SimulatorHTTPRequest(
            method: head.method.rawValue,
            uri: head.uri,
            headers: headers,
            body: Array(body.readableBytesView)
        )
    }

    private static func write(
        _ response: SimulatorHTTPResponse,
        version: HTTPVersion,
        keepAlive: Bool,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        var headers = HTTPHeaders()
        for field in response.headers where field.name.lowercased() != "content-length" {
            headers.add(name: field.name, value: field.value)
        }
        let bodyless = response.status < 200 || response.status == 204 || response.status == 304
        if !bodyless { headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count)) }
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let head = HTTPResponseHead(
            version: version,
            status: HTTPResponseStatus(statusCode: response.status),
            headers: headers
        )
        try await outbound.write(.head(head))
        if !bodyless && !response.body.isEmpty {
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: response.body))))
        }
        try await outbound.write(.end(nil))
    }

    /// Sets `SO_LINGER` to 0 so that closing sends a TCP RST instead of a FIN.
    private static func reset(_ channel: any Channel) async {
        if let provider = channel as? any SocketOptionProvider {
            try? await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        try? await channel.close()
    }
}
