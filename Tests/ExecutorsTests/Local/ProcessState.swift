import Glibc

/// What the test can observe about a process it does not own.
enum ProcessState {
    private typealias PidfdOpen = @convention(c) (pid_t, UInt32) -> Int32

    /// `true` when `pid` no longer runs: it does not exist, or it is a zombie waiting for its parent
    /// (orphans are reparented to PID 1, which may reap them late).
    static func isGone(_ pid: pid_t) -> Bool {
        if Glibc.kill(pid, 0) != 0 { return errno == ESRCH }
        guard let file = fopen("/proc/\(pid)/stat", "r") else { return true }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 1024)
        guard fgets(&line, Int32(line.count), file) != nil else { return true }
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // Format: "pid (comm) S ..."; the state follows the last ')'.
        guard let close = text.lastIndex(of: ")") else { return false }
        let state = text[text.index(after: close)...].drop { $0 == " " }.first
        return state == "Z" || state == "X"
    }

    /// Waits until `pid` has terminated, synchronising on the kernel's exit notification (a pidfd
    /// becomes readable when the process exits), and reports whether it is gone.
    ///
    /// A process that was SIGKILLed may still be closing its files for a moment after its pipe hit
    /// end-of-file; this waits that moment out. `limit` only bounds a failing test.
    static func waitUntilGone(_ pid: pid_t, limit: Duration = .seconds(10)) -> Bool {
        if let address = dlsym(nil, "pidfd_open") {
            let pidfdOpen = unsafeBitCast(address, to: PidfdOpen.self)
            let descriptor = pidfdOpen(pid, 0)
            if descriptor >= 0 {
                defer { close(descriptor) }
                var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let milliseconds = Int32(limit.components.seconds * 1000)
                while poll(&entry, 1, milliseconds) < 0 && errno == EINTR {}
            }
        }
        return isGone(pid)
    }
}
