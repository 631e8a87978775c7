import Foundation

/// A minimal `multipart/form-data` reader: splits a body into parts with their headers.
struct MultipartFormData {
    var parts: [MultipartPart]

    /// Parses `body` using the boundary from `contentType`; `nil` when it is not valid multipart.
    init?(contentType: String, body: [UInt8]) {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        var boundary: String?
        for piece in contentType.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                boundary = pair[1].hasPrefix("\"") ? String(pair[1].dropFirst().dropLast()) : pair[1]
            }
        }
        guard let boundary, !boundary.isEmpty else { return nil }
        let delimiter = Array("--\(boundary)".utf8)
        let crlf: [UInt8] = [13, 10]

        guard var cursor = Self.find(delimiter, in: body, from: 0) else { return nil }
        var parts: [MultipartPart] = []
        while true {
            cursor += delimiter.count
            // "--" after the delimiter ends the form.
            if body.count >= cursor + 2, body[cursor] == 45, body[cursor + 1] == 45 { break }
            guard body.count >= cursor + 2, Array(body[cursor..<(cursor + 2)]) == crlf else { return nil }
            cursor += 2
            guard let headerEnd = Self.find(crlf + crlf, in: body, from: cursor) else { return nil }
            var headers = SimulatorHTTPHeaders()
            let headerText = String(decoding: body[cursor..<headerEnd], as: UTF8.self)
            for line in headerText.split(separator: "\r\n") {
                let pair = line.split(separator: ":", maxSplits: 1)
                guard pair.count == 2 else { continue }
                headers.add(name: String(pair[0]).trimmingCharacters(in: .whitespaces), value: String(pair[1]).trimmingCharacters(in: .whitespaces))
            }
            let contentStart = headerEnd + 4
            guard let next = Self.find(crlf + delimiter, in: body, from: contentStart) else { return nil }
            parts.append(MultipartPart(headers: headers, body: Array(body[contentStart..<next])))
            cursor = next + 2
        }
        self.parts = parts
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}
