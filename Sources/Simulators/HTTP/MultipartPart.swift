import Foundation

/// One part of a `multipart/form-data` body.
struct MultipartPart {
    var headers: SimulatorHTTPHeaders
    var body: [UInt8]

    /// The `name` parameter of `Content-Disposition`.
    var name: String? { dispositionParameter("name") }
    /// The `filename` parameter of `Content-Disposition`.
    var filename: String? { dispositionParameter("filename") }

    private func dispositionParameter(_ key: String) -> String? {
        guard let disposition = headers["Content-Disposition"] else { return nil }
        for piece in disposition.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == key else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }
}

