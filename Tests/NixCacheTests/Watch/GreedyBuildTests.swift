import Foundation
import NixCache
import Testing

/// The greedy pattern end to end with the real binary and real Nix 2.8: a chain of
/// offline derivations `chain-a ← chain-b ← chain-broken (fails) ← chain-top` built by
/// `nix-build` under `flywheel cache watch --exec`.
@Suite("Greedy uploads while nix-build fails", .serialized, .timeLimit(.minutes(5)))
struct GreedyBuildTests {
    /// The chain. With `cache` set, the failing builder first waits (bounded, 30 s) for
    /// chain-b's narinfo to appear in that cache directory and says so on stderr: proof
    /// that the path was uploaded while the build was still running, before the failure.
    static let expression = #"""
    { cache ? "" }:
    let
      mk = name: script: builtins.derivation { inherit name; system = builtins.currentSystem; builder = "/bin/sh"; args = [ "-c" script ]; };
      a = mk "chain-a" "echo a > $out";
      b = mk "chain-b" "echo ${a} > $out";
      broken = mk "chain-broken" ''
        p=${b}; h=''${p#/nix/store/}; h=''${h%%-*}
        if [ -n "${cache}" ]; then
          i=0
          while [ $i -lt 300 ] && [ ! -e "${cache}/$h.narinfo" ]; do /bin/sleep 0.1; i=$((i+1)); done
          if [ -e "${cache}/$h.narinfo" ]; then echo "GREEDY: chain-b was cached before chain-broken failed" >&2; fi
        fi
        echo "chain-broken fails on purpose" >&2
        exit 1
      '';
    in mk "chain-top" "echo ${broken} > $out"
    """#

    static var available: Bool { NixStoreFixture.available && HookTests.flywheelBinary != nil }

    /// Runs `nix-build` on the chain in `fixture`'s store, under `flywheel cache watch`
    /// pushing to `target` when given, directly otherwise.
    static func build(_ fixture: NixStoreFixture, target: String?, cache: String? = nil, flushTimeout: Int = 60) async throws -> ExternalTool.Result {
        let file = fixture.scratch.file("chain.nix")
        try Data(expression.utf8).write(to: URL(fileURLWithPath: file))
        var sandboxPaths = "/bin /lib /lib64 /usr"
        var nixBuild = [NixStoreFixture.nixBuild!, "--store", fixture.root, file, "--no-out-link", "--keep-going", "--option", "substituters", ""]
        if let cache {
            sandboxPaths += " \(cache)"
            nixBuild += ["--argstr", "cache", cache]
        }
        nixBuild += ["--option", "extra-sandbox-paths", sandboxPaths]
        let command: (String, [String])
        if let target {
            command = (HookTests.flywheelBinary!, [
                "cache", "watch", "--store", fixture.root, "--to", target, "--socket", fixture.scratch.file("w.sock"),
                "--poll-interval", "0.2", "--flush-timeout", String(flushTimeout), "--exec",
            ] + nixBuild)
        } else {
            command = (nixBuild[0], Array(nixBuild.dropFirst()))
        }
        let environment = fixture.environment
        return try await OffPool.run { try ExternalTool.run(command.0, command.1, environment: environment) }
    }

    /// The valid paths of the store whose names end in `-<name>`.
    static func validPaths(_ fixture: NixStoreFixture, named name: String) throws -> [StorePath] {
        try fixture.database().paths(registeredAfter: 0).map(\.path).filter { $0.name == name }
    }

    @Test(.enabled(if: GreedyBuildTests.available, "needs nix-bin and the flywheel binary"))
    func pathsBuiltBeforeAFailureAreAlreadyCached() async throws {
        let fixture = try NixStoreFixture("greedy")
        try await fixture.initialize()
        let cache = fixture.scratch.file("cache")
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)

        let result = try await Self.build(fixture, target: "file://\(cache)", cache: cache)
        #expect(result.status != 0, "the chain fails")
        #expect(result.standardError.contains("GREEDY: chain-b was cached before chain-broken failed"), "\(result.standardError)")
        for name in ["chain-a", "chain-b"] {
            let path = try #require(try Self.validPaths(fixture, named: name).first, "\(name) was built")
            #expect(FileManager.default.fileExists(atPath: "\(cache)/\(path.hashPart).narinfo"), "\(name) is in the cache")
        }
        #expect(try Self.validPaths(fixture, named: "chain-broken").isEmpty)
        #expect(try Self.validPaths(fixture, named: "chain-top").isEmpty, "nothing after the failure was built")
    }

    /// With the cache unreachable (a closed loopback port) the watcher retries, gives up
    /// at its flush timeout and exits with exactly nix-build's own status; the store ends
    /// up the same as without the watcher.
    @Test(.enabled(if: GreedyBuildTests.available, "needs nix-bin and the flywheel binary"))
    func anUnreachableCacheLeavesTheBuildResultUnchanged() async throws {
        let plain = try NixStoreFixture("greedy-plain")
        let reference = try await Self.build(plain, target: nil)
        #expect(reference.status != 0)

        let fixture = try NixStoreFixture("greedy-down")
        try await fixture.initialize()
        let port = try FreePort.pick()  // nothing listens there
        let result = try await Self.build(fixture, target: "http://127.0.0.1:\(port)/cache", flushTimeout: 5)
        #expect(result.status == reference.status, "nix-build's exit status passes through: \(result.standardError)")
        for name in ["chain-a", "chain-b", "chain-broken", "chain-top"] {
            #expect(try Self.validPaths(fixture, named: name).map(\.baseName) == Self.validPaths(plain, named: name).map(\.baseName), "\(name)")
        }
        #expect(try Self.validPaths(fixture, named: "chain-b").count == 1)
    }
}
