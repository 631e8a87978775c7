/// How long one upload request may take: two minutes plus one second per MiB (a floor of
/// 1 MiB/s), so a stalled transfer ends but a big one on a slow link does not.
enum UploadTimeout {
    static func forBody(size: UInt64) -> Duration {
        .seconds(120) + .seconds(Int64(size >> 20))
    }
}
