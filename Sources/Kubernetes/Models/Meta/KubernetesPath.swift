/// Percent-encoding of path segments and query values for API URLs.
enum KubernetesPath {
    /// Escapes everything but RFC 3986 unreserved characters, so a segment or query value cannot change the URL's
    /// structure (`/`, `?`, `&`, `=`, `,` and `!` in selectors are all encoded).
    static func escape(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }

    /// `path?k=v&…` with every value escaped; `nil` values are left out.
    static func withQuery(_ path: String, _ items: [(String, String?)]) -> String {
        let query = items.compactMap { name, value in value.map { "\(name)=\(escape($0))" } }
        return query.isEmpty ? path : path + "?" + query.joined(separator: "&")
    }
}
