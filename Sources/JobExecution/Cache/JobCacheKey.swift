import Foundation

/// Cache keys as GitLab sends them, made safe as one path component or object-name segment.
enum JobCacheKey {
    /// `key` with `/` and other unsafe bytes percent-encoded; `.` and `..` cannot escape.
    static func pathComponent(_ key: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.")
        let encoded = key.addingPercentEncoding(withAllowedCharacters: allowed) ?? "invalid"
        return encoded == "." || encoded == ".." || encoded.isEmpty ? "%2E" + encoded : encoded
    }
}
