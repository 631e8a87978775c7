#if canImport(Glibc)
import Glibc
#endif
import Logging

/// inotify on a store directory, reporting deletions of `*.lock` files. Non-blocking: the
/// caller drains the events on its own schedule. On systems without inotify (or when the
/// watch cannot be set up) it reports nothing and the caller relies on polling.
final class LockWatch: Sendable {
    private let descriptor: Int32

    init?(directory: String, logger: Logger) {
        #if canImport(Glibc)
        let fd = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        guard fd >= 0 else {
            logger.info("cache watch: inotify unavailable (\(String(cString: strerror(errno)))); polling the Nix database only")
            return nil
        }
        guard inotify_add_watch(fd, directory, UInt32(IN_DELETE)) >= 0 else {
            logger.info("cache watch: cannot watch \(directory) (\(String(cString: strerror(errno)))); polling the Nix database only")
            close(fd)
            return nil
        }
        descriptor = fd
        #else
        return nil
        #endif
    }

    deinit {
        close(descriptor)
    }

    /// Reads the pending events; `true` when a `*.lock` file was deleted since the last call.
    func drainLockDeletions() -> Bool {
        #if canImport(Glibc)
        var found = false
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, size)
            if count <= 0 { break }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = (buffer + offset).load(as: inotify_event.self)
                let nameLength = Int(event.len)
                if nameLength > 0 {
                    let name = (buffer + offset + MemoryLayout<inotify_event>.size).assumingMemoryBound(to: CChar.self)
                    if String(cString: name).hasSuffix(".lock") { found = true }
                }
                if event.mask & UInt32(IN_Q_OVERFLOW) != 0 { found = true }
                offset += MemoryLayout<inotify_event>.size + nameLength
            }
        }
        return found
        #else
        return false
        #endif
    }
}
