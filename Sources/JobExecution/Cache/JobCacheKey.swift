/// Cache keys as GitLab sends them, made into a relative path the same way for every store: `/` in a
/// key makes sub-paths (as gitlab-runner does), `.`, `..` and empty segments are dropped so a key
/// cannot leave its namespace, and an empty key is `default`.
public enum JobCacheKey {
    public static func relativePath(_ key: String) -> String {
        let segments = key.split(separator: "/").filter { $0 != "." && $0 != ".." }
        return segments.isEmpty ? "default" : segments.joined(separator: "/")
    }
}
