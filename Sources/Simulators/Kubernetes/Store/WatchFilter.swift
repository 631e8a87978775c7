/// What a watch (or list) selects: one resource, optionally one namespace, and selectors.
struct WatchFilter: Sendable {
    var resource: ResourceType
    /// `nil` selects every namespace.
    var namespace: String?
    var labels: LabelSelector
    var fields: FieldSelector

    /// Whether `object` (stored under `key`) is selected.
    func selects(_ key: ObjectKey, _ object: SimulatedJSON) -> Bool {
        guard key.resource == resource.id else { return false }
        if let namespace, resource.namespaced, key.namespace != namespace { return false }
        return labels.matches(object.stringMap(at: ["metadata", "labels"])) && fields.matches(object, resource: resource)
    }

    /// The event a watcher with this filter sees for `event`, or `nil`. An object that starts or
    /// stops matching the selectors appears as ADDED or DELETED, as the API server's watch cache does.
    func translate(_ event: StoredEvent) -> (WatchEventType, SimulatedJSON)? {
        guard event.key.resource == resource.id else { return nil }
        if let namespace, resource.namespaced, event.key.namespace != namespace { return nil }
        let now = selects(event.key, event.object)
        switch event.type {
        case .added:
            return now ? (.added, event.object) : nil
        case .deleted:
            let before = event.previous.map { selects(event.key, $0) } ?? now
            return before ? (.deleted, event.object) : nil
        case .modified:
            let before = event.previous.map { selects(event.key, $0) } ?? false
            switch (before, now) {
            case (true, true): return (.modified, event.object)
            case (false, true): return (.added, event.object)
            case (true, false): return (.deleted, event.object)
            case (false, false): return nil
            }
        case .bookmark, .error:
            return nil
        }
    }
}
