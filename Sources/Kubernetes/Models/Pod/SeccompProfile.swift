/// A seccomp profile: `type` is `RuntimeDefault`, `Unconfined` or `Localhost` (with `localhostProfile`).
public struct SeccompProfile: Codable, Hashable, Sendable {
    public var `type`: String
    public var localhostProfile: String?

    public init(type: String, localhostProfile: String? = nil) {
        self.type = `type`
        self.localhostProfile = localhostProfile
    }
}
