/// One entry of `Status.details.causes`.
struct StatusCause: Sendable, Hashable {
    /// `FieldValueRequired`, `FieldValueInvalid`, `FieldValueNotSupported`, `FieldValueForbidden`,
    /// `FieldValueDuplicate`, `FieldValueTooLong`, `FieldValueNotFound`, or empty.
    var reason: String
    /// The text after the field name, e.g. `Required value`.
    var message: String
    /// The field path, e.g. `spec.containers[0].image`.
    var field: String

    static func required(_ field: String) -> StatusCause {
        StatusCause(reason: "FieldValueRequired", message: "Required value", field: field)
    }

    static func invalid(_ field: String, value: SimulatedJSON, _ detail: String) -> StatusCause {
        StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \(goValue(value)): \(detail)", field: field)
    }

    static func notSupported(_ field: String, value: String, supported: [String]) -> StatusCause {
        let list = supported.map { "\"\($0)\"" }.joined(separator: ", ")
        return StatusCause(reason: "FieldValueNotSupported", message: "Unsupported value: \"\(value)\": supported values: \(list)", field: field)
    }

    static func forbidden(_ field: String, _ detail: String) -> StatusCause {
        StatusCause(reason: "FieldValueForbidden", message: "Forbidden: \(detail)", field: field)
    }

    static func notFound(_ field: String, value: String) -> StatusCause {
        StatusCause(reason: "FieldValueNotFound", message: "Not found: \"\(value)\"", field: field)
    }

    static func duplicate(_ field: String, value: String) -> StatusCause {
        StatusCause(reason: "FieldValueDuplicate", message: "Duplicate value: \"\(value)\"", field: field)
    }

    static func tooLong(_ field: String, limit: Int) -> StatusCause {
        StatusCause(reason: "FieldValueTooLong", message: "Too long: must have at most \(limit) bytes", field: field)
    }

    /// Renders a value as Go's `%#v`-ish form used in validation messages.
    private static func goValue(_ value: SimulatedJSON) -> String {
        switch value {
        case .string(let text): "\"\(text)\""
        case .int(let number): String(number)
        default: value.description
        }
    }

    var json: SimulatedJSON {
        var object: [String: SimulatedJSON] = ["message": .string(message)]
        if !reason.isEmpty { object["reason"] = .string(reason) }
        if !field.isEmpty { object["field"] = .string(field) }
        return .object(object)
    }
}
