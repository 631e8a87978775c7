/// The `type` of a watch event on the wire.
public enum WatchEventType: String, Codable, Hashable, Sendable {
    case added = "ADDED"
    case modified = "MODIFIED"
    case deleted = "DELETED"
    case bookmark = "BOOKMARK"
    case error = "ERROR"
}
