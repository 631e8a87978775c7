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

    /// `nix-store --add` of a directory or file.
    func add(_ path: String) throws -> StorePath {
        try StorePath(ExternalTool.check(ExternalTool.nixStore!, ["--store", root, "--add", path], environment: environment).trimmed)
    }

    /// Writes `expression` to a file and `nix-build`s it; returns the output path.
    func build(_ expression: String, name: String = "expr") throws -> StorePath {
        let file = scratch.file("\(name).nix")
        try Data(expression.utf8).write(to: URL(fileURLWithPath: file))
        let result = try ExternalTool.check(
            NixStoreFixture.nixBuild!, ["--store", root, file, "--no-out-link"] + commonOptions, environment: environment)
        let line = result.trimmed.split(separator: "\n").last.map(String.init) ?? ""
        return try StorePath(line)
    }

    /// A two-path closure: `leaf` (a file) and `top`, a directory that references `leaf`
    /// and itself, with a symlink, an executable and `blobSize` random bytes.
    func buildClosure(tag: String, blobSize: Int = 0) throws -> (top: StorePath, leaf: StorePath) {
        let blob = blobSize > 0
            ? "/usr/bin/head -c \(blobSize) /dev/urandom > $out/blob;"
            : ""
        let expression = """
        let leaf = builtins.derivation { name = "leaf-\(tag)"; system = builtins.currentSystem; builder = "/bin/sh"; args = ["-c" "echo \(tag) > $out"]; };
        in builtins.derivation { name = "top-\(tag)"; system = builtins.currentSystem; builder = "/bin/sh";
          args = ["-c" "/bin/mkdir $out; echo ${leaf} > $out/ref; echo $out > $out/self; /bin/ln -s ${leaf} $out/link; printf '#!/bin/sh\\necho hi\\n' > $out/run; /bin/chmod +x $out/run; \(blob)"]; }
        """
        let top = try build(expression, name: "closure-\(tag)")
        let references = try query("--references", top)
        guard let leaf = references.first(where: { $0.contains("-leaf-") }) else {
            throw ExternalTool.Failure(command: "references of \(top)", result: .init(status: 1, standardOutput: Data(), standardError: "\(references)"))
        }
        return (top, try StorePath(leaf))
    }

    /// `nix-store -q <query> path`.
    func query(_ query: String, _ path: StorePath) throws -> [String] {
        try ExternalTool.check(ExternalTool.nixStore!, ["--store", root, "-q", query, path.path], environment: environment)
            .text.split(separator: "\n").map(String.init)
    }

    /// Deletes `paths` (referrers first) from the store.
    func delete(_ paths: [StorePath]) throws {
        try ExternalTool.check(ExternalTool.nixStore!, ["--store", root, "--delete"] + paths.map(\.path), environment: environment)
    }

    /// Whether `path` is valid.
    func isValid(_ path: StorePath) throws -> Bool {
        try ExternalTool.run(ExternalTool.nixStore!, ["--store", root, "--check-validity", path.path], environment: environment).status == 0
    }

    /// `nix-store -r path` from `substituter` only, signatures required, only
    /// `trustedKey` trusted, with a fresh narinfo disk cache.
    func substitute(_ path: StorePath, from substituter: String, trustedKey: NixPublicKey?) throws -> ExternalTool.Result {
        var options = ["--option", "substituters", substituter, "--option", "narinfo-cache-negative-ttl", "0"]
        if let trustedKey {
            options += ["--option", "trusted-public-keys", trustedKey.description, "--option", "require-sigs", "true"]
        } else {
            options += ["--option", "require-sigs", "false"]
        }
        return try ExternalTool.run(
            ExternalTool.nixStore!, ["--store", root, "-r", path.path] + options,
            environment: ["XDG_CACHE_HOME": scratch.file("xdg-cache-\(UUID().uuidString)"), "NIX_CONFIG": ""])
    }

    /// Opens the store's database.
    func database() throws -> NixDatabase { try NixDatabase(store: store) }

    static let nixBuild = ExternalTool.find("nix-build")
    static var available: Bool { ExternalTool.hasNix && nixBuild != nil }
}
