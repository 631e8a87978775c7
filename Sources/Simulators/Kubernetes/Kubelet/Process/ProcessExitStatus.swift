/// How a container's process ended, in the kubelet's terms: `exitCode` is the exit status, or
/// 128 + signal number when a signal killed it (SIGKILL → 137, SIGTERM → 143).
struct ProcessExitStatus: Sendable, Hashable {
    var exitCode: Int32

    /// Decodes a `waitpid` status word.
    init(waitStatus status: Int32) {
        let signal = status & 0x7f
        if signal == 0 {
            exitCode = (status >> 8) & 0xff
        } else {
            exitCode = 128 + signal
        }
    }

    init(exitCode: Int32) {
        self.exitCode = exitCode
    }
}
