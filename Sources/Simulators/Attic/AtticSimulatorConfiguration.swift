/// How an ``AtticSimulator`` behaves.
public struct AtticSimulatorConfiguration: Sendable {
    /// The caches that exist.
    public var caches: Set<String>
    /// The token clients must send (`Authorization: Bearer <token>`, or Basic with the
    /// token as password); `nil` lets everyone in.
    public var token: String?
    /// Signs a narinfo fingerprint and returns the `Sig:` value (`name:base64`); the
    /// simulator has no crypto library, so tests pass a real key's signer. `nil` serves
    /// unsigned narinfos.
    public var signer: (@Sendable (String) -> String)?
    /// The cache's public key for `cache-config` (`name:base64`).
    public var publicKey: String?
    /// Caches created with `is_public = true`: anyone may read them (`nix-cache-info`,
    /// narinfos, NARs, `cache-config`) without a token, as Attic grants public caches an
    /// implicit pull permission. Pushing still needs the token. Other caches are private:
    /// a reading Nix needs the token too, which it sends from a netrc file as Basic auth
    /// with the token as the password.
    public var publicCaches: Set<String>
    /// Attic's `require-proof-of-possession` (on by default): a known NAR is still
    /// streamed in full and checked.
    public var requireProofOfPossession: Bool

    /// Creates a configuration.
    public init(
        caches: Set<String> = ["ci"], token: String? = nil, signer: (@Sendable (String) -> String)? = nil,
        publicKey: String? = nil, publicCaches: Set<String> = [], requireProofOfPossession: Bool = true
    ) {
        self.publicCaches = publicCaches
        self.caches = caches
        self.token = token
        self.signer = signer
        self.publicKey = publicKey
        self.requireProofOfPossession = requireProofOfPossession
    }
}
