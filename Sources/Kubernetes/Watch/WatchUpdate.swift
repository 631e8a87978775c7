/// One change delivered by ``ResourceWatch``.
public enum WatchUpdate<Object: KubernetesResource>: Sendable {
    /// An object appeared (or was in a list and had not been delivered before).
    case added(Object)
    /// An object changed; carries the new state.
    case modified(Object)
    /// An object is gone; carries its last known state. Synthesized after a relist for objects that vanished while
    /// the watch was not connected.
    case deleted(Object)
    /// A LIST just happened (at the start, or after 410 Gone): `objects` is the complete current set at
    /// `resourceVersion`. The ADDED/MODIFIED/DELETED updates that make the delivered state equal to it were
    /// delivered right before, so a consumer may either apply those or replace its cache with `objects`.
    case resync(objects: [Object], resourceVersion: String)

    /// The object of an added, modified or deleted update.
    public var object: Object? {
        switch self {
        case .added(let object), .modified(let object), .deleted(let object): object
        case .resync: nil
        }
    }
}
