/// Something the uploader did, for progress output.
public enum UploadEvent: Sendable {
    /// A path was uploaded (or deduplicated) to `target`.
    case uploaded(path: StorePath, target: String, outcome: UploadOutcome, duration: Duration)
    /// A path could not be uploaded to `target`.
    case failed(path: StorePath, target: String, reason: String)
    /// `count` paths of a batch were already in `target`.
    case alreadyPresent(count: Int, target: String)
}
