/// Renders tokens for logs without revealing them.
public enum TokenDisplay {
    static let knownPrefixes = ["glrt-", "glcbt-", "glpat-", "GR1348941", "glrtr-"]

    /// The short form GitLab itself shows: up to 9 characters after any known prefix.
    ///
    /// Used as `CI_RUNNER_SHORT_TOKEN` and to name a runner in logs; never the whole token.
    public static func short(_ token: String) -> String {
        var rest = Substring(token)
        for prefix in knownPrefixes where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
            break
        }
        return String(rest.prefix(9))
    }
}
