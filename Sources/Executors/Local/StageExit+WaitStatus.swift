import JobExecution

extension StageExit {
    /// Decodes a `waitpid` status word of a process that has terminated.
    init(waitStatus status: Int32) {
        let signal = status & 0x7f
        if signal == 0 {
            self = .exited((status >> 8) & 0xff)
        } else {
            self = .signaled(signal)
        }
    }
}
