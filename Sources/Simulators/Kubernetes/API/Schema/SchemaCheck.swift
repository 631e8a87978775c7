/// Walks a JSON body against a ``FieldSchema``: collects unknown field paths (in Kubernetes'
/// `spec.containers[0].comand` notation), drops them, and reports the first type mismatch.
struct SchemaCheck {
    /// Paths of fields the schema does not know, in document order.
    private(set) var unknownFields: [String] = []
    /// The first type error, as Go's JSON decoder words it.
    private(set) var typeError: String?

    /// Returns `value` without unknown fields.
    mutating func prune(_ value: SimulatedJSON, _ schema: FieldSchema, path: String = "") -> SimulatedJSON {
        if value.isNull { return value }
        switch schema {
        case .any:
            return value
        case .string:
            if value.stringValue == nil { mismatch(value, schema, path) }
        case .integer:
            if case .int = value {} else { mismatch(value, schema, path) }
        case .boolean:
            if value.boolValue == nil { mismatch(value, schema, path) }
        case .number:
            if value.doubleValue == nil { mismatch(value, schema, path) }
        case .intOrString:
            switch value {
            case .int, .string: break
            default: mismatch(value, schema, path)
            }
        case .quantity:
            switch value {
            case .string(let text) where Quantity.isValid(text): break
            case .int, .double: break
            case .string(let text):
                if typeError == nil { typeError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (\(path): \"\(text)\")" }
            default: mismatch(value, schema, path)
            }
        case .time:
            if let text = value.stringValue {
                if KubeTime(parsing: text) == nil, typeError == nil {
                    typeError = "parsing time \"\(text)\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\(text)\" as \"2006\""
                }
            } else {
                mismatch(value, schema, path)
            }
        case .object(let fields):
            guard let members = value.objectValue else {
                mismatch(value, schema, path)
                return value
            }
            var kept: [String: SimulatedJSON] = [:]
            for key in members.keys.sorted() {
                let child = path.isEmpty ? key : "\(path).\(key)"
                guard let fieldSchema = fields[key] else {
                    unknownFields.append(child)
                    continue
                }
                kept[key] = prune(members[key]!, fieldSchema, path: child)
            }
            return .object(kept)
        case .map(let valueSchema):
            guard let members = value.objectValue else {
                mismatch(value, schema, path)
                return value
            }
            var kept: [String: SimulatedJSON] = [:]
            for (key, member) in members { kept[key] = prune(member, valueSchema, path: "\(path)[\(key)]") }
            return .object(kept)
        case .array(let element):
            guard let elements = value.arrayValue else {
                mismatch(value, schema, path)
                return value
            }
            return .array(elements.enumerated().map { prune($1, element, path: "\(path)[\($0)]") })
        }
        return value
    }

    private mutating func mismatch(_ value: SimulatedJSON, _ schema: FieldSchema, _ path: String) {
        guard typeError == nil else { return }
        typeError = "json: cannot unmarshal \(value.jsonTypeName) into Go struct field .\(path) of type \(schema.goTypeName)"
    }
}
