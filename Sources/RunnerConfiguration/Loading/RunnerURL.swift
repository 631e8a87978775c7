import Foundation

/// Validates and normalises a runner's `url`.
enum RunnerURL {
    /// `raw` without trailing `/` and a trailing `/ci`, or `nil` when it is
    /// not an absolute http(s) URL with a host and without query or fragment.
    static func normalized(_ raw: String) -> String? {
        guard !raw.contains(where: \.isWhitespace),
              let components = URLComponents(string: raw),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty,
              components.query == nil, components.fragment == nil else {
            return nil
        }
        var url = Substring(raw)
        while url.hasSuffix("/") { url = url.dropLast() }
        if url.hasSuffix("/ci") {
            url = url.dropLast(3)
            while url.hasSuffix("/") { url = url.dropLast() }
        }
        return String(url)
    }
}
