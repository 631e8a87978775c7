/// Path access (object keys only, no array indices), used by the simulators and tests that inspect their objects.
extension SimulatedJSON {
    /// The value at `path` (object keys), or `nil` when any step is missing or not an object.
    public func value(at path: [String]) -> SimulatedJSON? {
        var current: SimulatedJSON? = self
        for key in path {
            guard let object = current?.objectValue else { return nil }
            current = object[key]
        }
        return current
    }

    /// Sets the value at `path`, creating intermediate objects (replacing non-objects).
    /// `nil` removes the key.
    mutating func setValue(_ value: SimulatedJSON?, at path: [String]) {
        guard let first = path.first else {
            self = value ?? .null
            return
        }
        var object = objectValue ?? [:]
        if path.count == 1 {
            object[first] = value
        } else {
            var child = object[first] ?? .object([:])
            if child.objectValue == nil { child = .object([:]) }
            child.setValue(value, at: Array(path.dropFirst()))
            object[first] = child
        }
        self = .object(object)
    }

    /// The string at `path`.
    func string(at path: [String]) -> String? { value(at: path)?.stringValue }

    /// The integer at `path`.
    func int(at path: [String]) -> Int64? { value(at: path)?.intValue }

    /// The array at `path` (empty when missing).
    func array(at path: [String]) -> [SimulatedJSON] { value(at: path)?.arrayValue ?? [] }

    /// The object at `path` (empty when missing).
    func object(at path: [String]) -> [String: SimulatedJSON] { value(at: path)?.objectValue ?? [:] }

    /// A string-to-string map at `path` (non-string values are skipped).
    func stringMap(at path: [String]) -> [String: String] {
        object(at: path).compactMapValues(\.stringValue)
    }

    /// `metadata.name`.
    var metadataName: String { string(at: ["metadata", "name"]) ?? "" }
    /// `metadata.namespace`.
    var metadataNamespace: String { string(at: ["metadata", "namespace"]) ?? "" }
    /// `metadata.uid`.
    var metadataUID: String { string(at: ["metadata", "uid"]) ?? "" }

    /// A short JSON type name as Go's decoder reports it (`string`, `number`, `bool`, `object`, `array`).
    var jsonTypeName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .int, .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
