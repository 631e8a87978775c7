/// What to watch and from where; see ``ResourceWatch`` for the exact semantics.
public struct WatchOptions: Sendable, Hashable {
    public var labelSelector: String?
    /// e.g. `metadata.name=job-1` to follow one pod.
    public var fieldSelector: String?
    /// Start after this resourceVersion without listing first; `nil` lists first and starts from the list.
    public var resourceVersion: String?
    /// Asks the server to end each watch request after this many seconds; the watch then reconnects from the last
    /// resourceVersion. `nil` leaves it to the server.
    public var timeoutSeconds: Int?
    /// Ask for `BOOKMARK` events (they only advance the resourceVersion; never relied upon).
    public var allowBookmarks: Bool

    public init(labelSelector: String? = nil, fieldSelector: String? = nil, resourceVersion: String? = nil, timeoutSeconds: Int? = 300, allowBookmarks: Bool = true) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.resourceVersion = resourceVersion
        self.timeoutSeconds = timeoutSeconds
        self.allowBookmarks = allowBookmarks
    }
}
