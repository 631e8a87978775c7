import Foundation

/// A repository URL split into the address written to `.git/config` and the credentials it carried.
struct RepositoryURL: Equatable {
    /// The URL without `user[:password]@` (for `http(s)://` URLs).
    var address: String
    /// The user name the URL carried, if any.
    var username: String?
    /// Whether the URL carried a password.
    var hadPassword: Bool

    /// Splits `url`. Only `http://` and `https://` URLs lose their user info; for `ssh://` and
    /// scp-style addresses the user name is part of the address and stays.
    init(_ url: String) {
        address = url
        username = nil
        hadPassword = false
        guard let schemeEnd = url.range(of: "://") else { return }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@") else { return }
        let userInfo = authority[..<at]
        if let colon = userInfo.firstIndex(of: ":") {
            username = String(userInfo[..<colon])
            hadPassword = true
        } else {
            username = String(userInfo)
        }
        if username?.isEmpty == true { username = nil }
        address = String(url[..<schemeEnd.upperBound]) + String(rest[authority.index(after: at)...])
    }
}
