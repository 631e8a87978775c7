import Foundation

/// Request parameters as Grape sees them: query items, overridden by the body's members when the
/// body is JSON (`Content-Type: application/json`) or a urlencoded form. A JSON body sent without
/// a JSON content type is not parsed, as in GitLab.
struct RequestParameters {
    var values: [String: SimulatedJSON] = [:]

    /// Returns `nil` when the content type says JSON but the body is not a JSON object.
    init?(_ request: SimulatorHTTPRequest) {
        for item in request.query where values[item.name] == nil {
            values[item.name] = item.value.map { .string($0) } ?? .null
        }
        let contentType = (request.headers["Content-Type"] ?? "").lowercased()
        if Self.isJSON(contentType) {
            guard !request.body.isEmpty else { return }
            guard let parsed = try? SimulatedJSON(parsing: request.body), case .object(let members) = parsed else {
                return nil
            }
            values.merge(members) { _, body in body }
        } else if contentType.hasPrefix("application/x-www-form-urlencoded") {
            let text = String(decoding: request.body, as: UTF8.self)
            for item in SimulatorHTTPRequest.parseQuery(text) {
                values[item.name] = item.value.map { .string($0) } ?? .null
            }
        }
    }

    static func isJSON(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return mediaType.lowercased() == "application/json"
    }

    subscript(key: String) -> SimulatedJSON? {
        values[key]
    }

    /// A string parameter (numbers are accepted as their text, like Grape's coercion).
    func string(_ key: String) -> String? {
        switch values[key] {
        case .string(let value): value
        case .int(let value): String(value)
        default: nil
        }
    }

    /// An integer parameter (numeric strings are coerced).
    func int(_ key: String) -> Int? {
        switch values[key] {
        case .int(let value): Int(value)
        case .string(let value): Int(value)
        case .double(let value) where value.rounded() == value: Int(value)
        default: nil
        }
    }
}
