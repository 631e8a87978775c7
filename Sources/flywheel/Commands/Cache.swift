import ArgumentParser

/// `flywheel cache`: push Nix store paths to Attic or a Nix binary cache.
struct Cache: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Upload Nix store paths to a cache (Attic, or a binary cache over file://, http(s)://, s3://).",
        discussion: """
        Every setting is on the command line for now (a [cache] section of config.toml is planned). \
        Targets: attic+https://HOST/CACHE, file:///DIR, https://HOST/PREFIX, s3://BUCKET?region=R&endpoint=URL. \
        See docs/cache.md.
        """,
        subcommands: [CachePush.self, CacheWatch.self, CacheHook.self, CacheFlush.self]
    )
}
