/// The shape of a built-in type, for strict decoding: which fields exist and what JSON type
/// each takes. Unknown fields are what `fieldValidation=Strict` rejects and the API server
/// otherwise drops; a wrong JSON type is always a 400.
indirect enum FieldSchema: Sendable {
    case string
    case integer
    case boolean
    case number
    /// `IntOrString` (`maxSurge`, probe ports).
    case intOrString
    /// `resource.Quantity`: a string or a number.
    case quantity
    /// `metav1.Time` / `MicroTime`: an RFC 3339 string.
    case time
    /// Not checked.
    case any
    /// A struct with these fields.
    case object([String: FieldSchema])
    /// A map with free keys and values of this schema.
    case map(FieldSchema)
    /// A list.
    case array(FieldSchema)

    /// Go's name of the type, for decoding error messages.
    var goTypeName: String {
        switch self {
        case .string: "string"
        case .integer: "int64"
        case .boolean: "bool"
        case .number: "float64"
        case .intOrString: "intstr.IntOrString"
        case .quantity: "resource.Quantity"
        case .time: "v1.Time"
        case .any: "interface {}"
        case .object: "struct"
        case .map(let value): "map[string]\(value.goTypeName)"
        case .array(let element): "[]\(element.goTypeName)"
        }
    }
}
