/// JSON merge patch (RFC 7386), as `application/merge-patch+json` is applied by the API server.
enum MergePatch {
    /// Applies `patch` to `target`: objects merge recursively, `null` removes a key, any other
    /// value (arrays included) replaces.
    static func apply(_ patch: SimulatedJSON, to target: SimulatedJSON) -> SimulatedJSON {
        guard case .object(let patchMembers) = patch else { return patch }
        var result = target.objectValue ?? [:]
        for (key, value) in patchMembers {
            if value.isNull {
                result[key] = nil
            } else {
                result[key] = apply(value, to: result[key] ?? .null)
            }
        }
        return .object(result)
    }
}
