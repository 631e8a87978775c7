/// One captured piece of container output: a whole line (ending in `\n`), or a partial line
/// (at end of output, or a line longer than the runtime's 16 KiB buffer), stamped at capture.
struct LogEntry: Sendable, Hashable {
    var time: KubeTime
    var bytes: [UInt8]
}
