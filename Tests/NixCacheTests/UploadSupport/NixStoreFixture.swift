import Foundation
import NixCache

/// A private chroot Nix store (`nix-store --store <root>`), so tests build, add, delete
/// and substitute paths without touching /nix. Builds run in Nix's sandbox with the host's
/// /bin, /lib and /usr bound in (see the research notes §8).
final class NixStoreFixture: Sendable {
    let scratch: TemporaryDirectory
    let store: NixStore
    var root: String { store.rootDirectory }
    var environment: [String: String] { ["XDG_CACHE_HOME": scratch.file("xdg-cache"), "NIX_CONFIG": ""] }

    init(_ label: String = "store") throws {
        scratch = try TemporaryDirectory("nix-\(label)")
        store = NixStore(rootDirectory: scratch.file("root"))
    }

    /// Options every command gets: no network substituters, sandbox paths for /bin/sh.
    private var commonOptions: [String] {
        ["--option", "substituters", "", "--option", "extra-sandbox-paths", "/bin /lib /lib64 /usr"]
    }

    /// Creates the store's directories and database (`nix-store --init`), for code that
    /// opens the database before any Nix command ran in this store.
    func initialize() async throws {
        let (root, environment) = (root, environment)
        _ = try await OffPool.run { try ExternalTool.check(ExternalTool.nixStore!, ["--store", root, "--init"], environment: environment) }
    }

    /// `nix-store --add` of a directory or file.
    func add(_ path: String) async throws -> StorePath {
        let (root, environment) = (root, environment)
        return try StorePath(try await OffPool.run {
            try ExternalTool.check(ExternalTool.nixStore!, ["--store", root, "--add", path], environment: environment).trimmed
        })
    }

    /// Writes `expression` to a file and `nix-build`s it; returns the output path.
    func build(_ expression: String, name: String = "expr") async throws -> StorePath {
        let file = scratch.file("\(name).nix")
        try Data(expression.utf8).write(to: URL(fileURLWithPath: file))
        let (arguments, environment) = (["--store", root, file, "--no-out-link"] + commonOptions, environment)
        let result = try await OffPool.run { try ExternalTool.check(NixStoreFixture.nixBuild!, arguments, environment: environment) }
        let line = result.trimmed.split(separator: "\n").last.map(String.init) ?? ""
        return try StorePath(line)
    }

    /// A two-path closure: `leaf` (a file) and `top`, a directory that references `leaf`
    /// and itself, with a symlink, an executable and `blobSize` random bytes.
    func buildClosure(tag: String, blobSize: Int = 0) async throws -> (top: StorePath, leaf: StorePath) {
        let blob = blobSize > 0
            ? "/usr/bin/head -c \(blobSize) /dev/urandom > $out/blob;"
            : ""
        let expression = """
        let leaf = builtins.derivation { name = "leaf-\(tag)"; system = builtins.currentSystem; builder = "/bin/sh"; args = ["-c" "echo \(tag) > $out"]; };
        in builtins.derivation { name = "top-\(tag)"; system = builtins.currentSystem; builder = "/bin/sh";
          args = ["-c" "/bin/mkdir $out; echo ${leaf} > $out/ref; echo $out > $out/self; /bin/ln -s ${leaf} $out/link; printf '#!/bin/sh\\necho hi\\n' > $out/run; /bin/chmod +x $out/run; \(blob)"]; }
        """
        let top = try await build(expression, name: "closure-\(tag)")
        let references = try await query("--references", top)
        guard let leaf = references.first(where: { $0.contains("-leaf-") }) else {
            throw ExternalTool.Failure(command: "references of \(top)", result: .init(status: 1, standardOutput: Data(), standardError: "\(references)"))
        }
        return (top, try StorePath(leaf))
    }

    /// `nix-store -q <query> path`.
    func query(_ query: String, _ path: StorePath) async throws -> [String] {
        let (root, environment) = (root, environment)
        return try await OffPool.run {
            try ExternalTool.check(ExternalTool.nixStore!, ["--store", root, "-q", query, path.path], environment: environment)
                .text.split(separator: "\n").map(String.init)
        }
    }

    /// Deletes `paths` (referrers first) from the store.
    func delete(_ paths: [StorePath]) async throws {
        let (root, environment) = (root, environment)
        _ = try await OffPool.run {
            try ExternalTool.check(ExternalTool.nixStore!, ["--store", root, "--delete"] + paths.map(\.path), environment: environment)
        }
    }

    /// Whether `path` is valid.
    func isValid(_ path: StorePath) async throws -> Bool {
        let (root, environment) = (root, environment)
        return try await OffPool.run {
            try ExternalTool.run(ExternalTool.nixStore!, ["--store", root, "--check-validity", path.path], environment: environment).status == 0
        }
    }

    /// `nix-store -r path` from `substituter` only, signatures required, only
    /// `trustedKey` trusted, with a fresh narinfo disk cache.
    func substitute(_ path: StorePath, from substituter: String, trustedKey: NixPublicKey?,
                    extraOptions: [String] = []) async throws -> ExternalTool.Result {
        var options = ["--option", "substituters", substituter, "--option", "narinfo-cache-negative-ttl", "0"] + extraOptions
        if let trustedKey {
            options += ["--option", "trusted-public-keys", trustedKey.description, "--option", "require-sigs", "true"]
        } else {
            options += ["--option", "require-sigs", "false"]
        }
        let (arguments, environment) = (["--store", root, "-r", path.path] + options,
                                         ["XDG_CACHE_HOME": scratch.file("xdg-cache-\(UUID().uuidString)"), "NIX_CONFIG": ""])
        return try await OffPool.run { try ExternalTool.run(ExternalTool.nixStore!, arguments, environment: environment) }
    }

    /// Opens the store's database.
    func database() throws -> NixDatabase { try NixDatabase(store: store) }

    static let nixBuild = ExternalTool.find("nix-build")
    static var available: Bool { ExternalTool.hasNix && nixBuild != nil }
}
