#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Sends one ``HookMessage`` to the watcher's Unix socket and reads the ``HookReply``.
/// Plain blocking socket calls with timeouts: the post-build-hook must return in
/// milliseconds, and starts no event loop.
public enum HookClient {
    /// The default socket path: `$FLYWHEEL_CACHE_SOCKET`, else `/run/flywheel-cache.sock`
    /// for root and `$TMPDIR/flywheel-cache-<uid>.sock` for others.
    public static var defaultSocketPath: String {
        if let path = ProcessInfo.processInfo.environment["FLYWHEEL_CACHE_SOCKET"], !path.isEmpty { return path }
        if getuid() == 0 { return "/run/flywheel-cache.sock" }
        return NSTemporaryDirectory() + "flywheel-cache-\(getuid()).sock"
    }

    /// Sends `message` and waits up to `timeout` for the reply.
    ///
    /// - Throws: ``HookError``.
    public static func send(_ message: HookMessage, socket path: String, timeout: Duration = .seconds(5)) throws(HookError) -> HookReply {
        let descriptor = try connect(to: path, timeout: timeout)
        defer { close(descriptor) }
        var line: [UInt8]
        do {
            line = Array(try JSONEncoder().encode(message))
        } catch {
            throw .io(socket: path, reason: "cannot encode the message: \(error)")
        }
        line.append(UInt8(ascii: "\n"))
        var offset = 0
        while offset < line.count {
            let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, line.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .io(socket: path, reason: "write: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !reply.contains(UInt8(ascii: "\n")) {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = errno == EAGAIN || errno == EWOULDBLOCK ? "no answer within \(timeout)" : String(cString: strerror(errno))
                throw .io(socket: path, reason: reason)
            }
            if count == 0 { break }
            reply += buffer[0..<count]
        }
        let text = String(decoding: reply, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let decoded = try? JSONDecoder().decode(HookReply.self, from: Data(text.utf8)) else {
            throw .badReply(socket: path, text: text)
        }
        return decoded
    }

    private static func connect(to path: String, timeout: Duration) throws(HookError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else { throw .socketPathTooLong(path) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        #if canImport(Glibc)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw .io(socket: path, reason: "socket: \(String(cString: strerror(errno)))") }
        let (seconds, attoseconds) = timeout.components
        var interval = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw .noWatcher(socket: path, reason: reason)
        }
        return descriptor
    }
}
