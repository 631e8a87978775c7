/// One line of a watch stream: `{"type":"…","object":{…}}` (notes §1.3).
///
/// `ADDED`/`MODIFIED` carry the new state, `DELETED` the last state, `BOOKMARK` only
/// `metadata.resourceVersion`, and `ERROR` a ``Status`` (e.g. 410 `Expired`).
public enum WatchEvent<Object: KubernetesResource>: Codable, Sendable {
    case added(Object)
    case modified(Object)
    case deleted(Object)
    /// A progress marker: the watch has seen everything up to this resourceVersion.
    case bookmark(resourceVersion: String)
    case error(Status)

    /// The wire type.
    public var type: WatchEventType {
        switch self {
        case .added: .added
        case .modified: .modified
        case .deleted: .deleted
        case .bookmark: .bookmark
        case .error: .error
        }
    }

    /// The object of `ADDED`, `MODIFIED` and `DELETED` events.
    public var object: Object? {
        switch self {
        case .added(let object), .modified(let object), .deleted(let object): object
        case .bookmark, .error: nil
        }
    }

    /// The resourceVersion this event moves the watch to, if it carries one.
    public var resourceVersion: String? {
        switch self {
        case .added(let object), .modified(let object), .deleted(let object): object.metadata.resourceVersion
        case .bookmark(let resourceVersion): resourceVersion
        case .error: nil
        }
    }

    private enum CodingKeys: String, CodingKey {
        case type, object
    }

    private struct BookmarkObject: Codable {
        struct Metadata: Codable {
            var resourceVersion: String?
        }

        var kind: String?
        var apiVersion: String?
        var metadata: Metadata?
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(WatchEventType.self, forKey: .type) {
        case .added: self = .added(try container.decode(Object.self, forKey: .object))
        case .modified: self = .modified(try container.decode(Object.self, forKey: .object))
        case .deleted: self = .deleted(try container.decode(Object.self, forKey: .object))
        case .bookmark:
            let object = try container.decode(BookmarkObject.self, forKey: .object)
            self = .bookmark(resourceVersion: object.metadata?.resourceVersion ?? "")
        case .error: self = .error(try container.decode(Status.self, forKey: .object))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        switch self {
        case .added(let object), .modified(let object), .deleted(let object):
            try container.encode(object, forKey: .object)
        case .bookmark(let resourceVersion):
            let object = BookmarkObject(kind: Object.kind, apiVersion: Object.apiVersion, metadata: .init(resourceVersion: resourceVersion))
            try container.encode(object, forKey: .object)
        case .error(let status):
            try container.encode(status, forKey: .object)
        }
    }
}
