import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NixCache

/// The options every uploading `flywheel cache` command shares.
struct CacheTargetArguments: ParsableArguments {
    @Option(name: .customLong("to"), help: "A cache to push to (repeatable): attic+https://HOST/CACHE, file:///DIR, https://HOST/PREFIX, s3://BUCKET?region=R&endpoint=URL.")
    var targets: [String] = []

    @Option(help: "Nix secret key file (nix-store --generate-binary-cache-key) that signs narinfos of binary caches.")
    var signingKey: String?

    @Option(help: "File holding the Attic (or HTTP bearer) token. Default: $ATTIC_TOKEN or $FLYWHEEL_CACHE_TOKEN.")
    var tokenFile: String?

    @Option(help: "zstd level for binary caches (Attic always gets the raw NAR).")
    var compressionLevel: Int = ZstdCompressor.defaultLevel

    @Option(help: "Uploads at once per cache.")
    var jobs: Int = 4

    @Option(help: "Root of a chroot store (like nix-store --store ROOT); default: the system store.")
    var store: String = "/"

    @Option(help: "Directory for compressed NARs staged before an HTTP/S3 upload.")
    var stagingDirectory: String = NSTemporaryDirectory()

    @Flag(help: "Upload .drv files too.")
    var includeDerivations = false

    @Option(help: "Also upload paths signed by this key name, normally skipped as upstream (repeatable; 'all' keeps every path).")
    var keepSignedBy: [String] = []

    var nixStore: NixStore { NixStore(rootDirectory: store) }

    func validate() throws {
        guard !targets.isEmpty else { throw ValidationError("give at least one --to URL") }
        for target in targets {
            do {
                _ = try CacheTargetURL(parsing: target)
            } catch {
                throw ValidationError(error.description)
            }
        }
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 64") }
        guard ZstdCompressor.supportedLevels.contains(compressionLevel) else {
            throw ValidationError("--compression-level must be in \(ZstdCompressor.supportedLevels)")
        }
    }

    /// The token from --token-file or the environment.
    func token() throws -> String? {
        if let tokenFile {
            do {
                return try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw ValidationError("cannot read --token-file \(tokenFile): \(error.localizedDescription)")
            }
        }
        let environment = ProcessInfo.processInfo.environment
        return [environment["ATTIC_TOKEN"], environment["FLYWHEEL_CACHE_TOKEN"]].compactMap { $0 }.first { !$0.isEmpty }
    }

    /// Builds the targets.
    func makeTargets(httpClient: HTTPClient) throws -> [any CacheTarget] {
        var key: NixSigningKey?
        if let signingKey {
            do {
                key = try NixSigningKey(contentsOfFile: signingKey)
            } catch {
                throw ValidationError(error.description)
            }
        }
        let options = CacheTargetOptions(
            httpClient: httpClient, token: try token(), signingKey: key, compressionLevel: compressionLevel,
            stagingDirectory: stagingDirectory, storeDirectory: nixStore.storeDirectory)
        return try targets.map { text in
            do {
                return try CacheTargetFactory.make(try CacheTargetURL(parsing: text), options: options)
            } catch let error as CacheTargetError {
                throw ValidationError(error.description)
            }
        }
    }

    func uploaderConfiguration() -> CacheUploaderConfiguration {
        var upstream: Set<String> = ["cache.nixos.org-1"]
        if keepSignedBy.contains("all") { upstream = [] } else { upstream.subtract(keepSignedBy) }
        return CacheUploaderConfiguration(jobs: jobs, includeDerivations: includeDerivations, upstreamKeyNames: upstream)
    }

    /// An HTTP client with the uploader's timeouts: 10 s to connect, 5 min without a byte.
    static func makeHTTPClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(10), read: .seconds(300))
        configuration.httpVersion = .http1Only
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }
}
