/// What a GET/LIST/WATCH answers with, negotiated from `Accept` like the API server: the first
/// alternative it can serve wins.
enum ResponseFormat: Sendable, Equatable {
    /// Plain JSON objects and lists.
    case json
    /// `meta.k8s.io/v1` `Table` (server-side printing for `kubectl get`).
    case table

    /// `nil` when nothing in `Accept` can be served (406).
    static func negotiate(_ accept: String?) -> ResponseFormat? {
        guard let accept, !accept.withoutSurroundingWhitespace.isEmpty else { return .json }
        for alternative in accept.split(separator: ",") {
            let parts = alternative.split(separator: ";").map { $0.withoutSurroundingWhitespace }
            guard let mediaType = parts.first?.lowercased() else { continue }
            guard ["application/json", "*/*", "application/*", "application/json;stream=watch"].contains(mediaType) else { continue }
            var parameters: [String: String] = [:]
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
                if pair.count == 2 { parameters[pair[0].lowercased()] = pair[1] }
            }
            guard let profile = parameters["as"] else { return .json }
            if profile == "Table", parameters["g"] == "meta.k8s.io", ["v1", "v1beta1"].contains(parameters["v"] ?? "") {
                return .table
            }
        }
        return nil
    }
}
