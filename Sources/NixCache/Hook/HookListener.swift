import Foundation
import Logging
import NIOCore
import NIOPosix

/// The watcher's side of the socket the post-build-hook talks to: accepts
/// ``HookMessage`` lines and hands paths to a ``CacheUploader``. Enqueueing answers at
/// once (the hook must not hold up Nix); `flush` answers when the queue is empty.
public final class HookListener: Sendable {
    /// The socket path.
    public let socketPath: String
    private let listener: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    private let uploader: CacheUploader
    private let database: NixDatabase?
    private let store: NixStore
    private let logger: Logger

    private init(
        socketPath: String, listener: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>, uploader: CacheUploader,
        database: NixDatabase?, store: NixStore, logger: Logger
    ) {
        self.socketPath = socketPath
        self.listener = listener
        self.uploader = uploader
        self.database = database
        self.store = store
        self.logger = logger
    }

    /// Creates the socket (replacing a stale one) and returns the listener; call
    /// ``serve()`` to answer.
    ///
    /// - Throws: ``HookError/cannotListen(socket:reason:)``.
    public static func bind(
        socketPath: String, uploader: CacheUploader, database: NixDatabase?, store: NixStore = .system,
        logger: Logger = Logger(label: "flywheel.cache.hook")
    ) async throws(HookError) -> HookListener {
        guard socketPath.utf8.count < 108 else { throw .socketPathTooLong(socketPath) }
        do {
            let parent = (socketPath as NSString).deletingLastPathComponent
            if !parent.isEmpty { try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) }
            let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .bind(unixDomainSocketPath: socketPath, cleanupExistingSocketFile: true) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
            return HookListener(socketPath: socketPath, listener: channel, uploader: uploader, database: database, store: store, logger: logger)
        } catch {
            throw .cannotListen(socket: socketPath, reason: "\(error)")
        }
    }

    /// Answers connections until the task is cancelled; removes the socket file at the end.
    public func serve() async {
        defer { try? FileManager.default.removeItem(atPath: socketPath) }
        await withDiscardingTaskGroup { group in
            group.addTask {
                await withTaskCancellationHandler {
                    await self.acceptLoop()
                } onCancel: {
                    self.listener.channel.close(promise: nil)
                }
            }
        }
    }

    private func acceptLoop() async {
        do {
            try await listener.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in inbound {
                        group.addTask { await self.handle(connection) }
                    }
                }
            }
        } catch {
            if !Task.isCancelled { logger.warning("cache watch: the hook socket \(socketPath) stopped: \(error)") }
        }
    }

    private func handle(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        do {
            try await connection.executeThenClose { inbound, outbound in
                var pending = ByteBuffer()
                for try await var chunk in inbound {
                    pending.writeBuffer(&chunk)
                    while let newline = pending.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                        let line = pending.readBytes(length: newline - pending.readerIndex + 1) ?? []
                        var reply = Array((try? JSONEncoder().encode(await answer(line))) ?? Data(#"{"ok":false}"#.utf8))
                        reply.append(UInt8(ascii: "\n"))
                        try await outbound.write(ByteBuffer(bytes: reply))
                    }
                    if pending.readableBytes > 1 << 20 { return }
                }
            }
        } catch {
            logger.debug("cache watch: hook connection ended: \(error)")
        }
    }

    private func answer(_ line: [UInt8]) async -> HookReply {
        guard let message = try? JSONDecoder().decode(HookMessage.self, from: Data(line)) else {
            return HookReply(ok: false, error: "not a hook message")
        }
        switch message.command {
        case .status:
            return HookReply(ok: true, statistics: uploader.statistics.dictionary)
        case .flush:
            let seconds = max(0, message.timeout ?? 300)
            let drained = await uploader.flush(timeout: .milliseconds(Int64(seconds * 1000)))
            return HookReply(ok: true, drained: drained, statistics: uploader.statistics.dictionary)
        case .enqueue:
            var paths: [StorePath] = []
            for text in message.paths ?? [] {
                do throws(PathInfoError) {
                    paths.append(try store.storePath(text))
                } catch {
                    logger.warning("cache watch: hook sent \(error)")
                }
            }
            if paths.isEmpty, let drvText = message.drv, let drv = try? store.storePath(drvText) {
                paths = (try? database?.outputs(ofDerivation: drv)) ?? []
                if paths.isEmpty { paths = (try? NixStoreQuery.outputs(ofDerivation: drv, store: store)) ?? [] }
            }
            await uploader.offer(paths)
            return HookReply(ok: true, queued: paths.count)
        }
    }
}
