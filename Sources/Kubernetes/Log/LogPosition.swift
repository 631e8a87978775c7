/// How far a log has been delivered, in the server's own terms: the timestamp of the last line, how many lines
/// carried that exact timestamp, and how much of the last line was delivered.
///
/// `sinceTime` has second precision and is inclusive, so a reconnect re-sends up to a second of lines; this is
/// what lets ``LogLineFilter`` drop exactly those (notes §1.5).
struct LogPosition: Hashable, Sendable {
    var instant: RFC3339.Instant
    /// Lines delivered whose timestamp equals `instant`, the last one included.
    var linesAtInstant: Int
    /// Content bytes (after the timestamp prefix) of the last line delivered so far.
    var bytesIntoLastLine: Int
    /// Whether the last line's `\n` was delivered.
    var lastLineComplete: Bool

    /// `sinceTime` for a reconnect: the last line's second, RFC 3339.
    var sinceTime: String {
        RFC3339.format(RFC3339.Instant(seconds: instant.seconds, nanoseconds: 0))
    }
}
