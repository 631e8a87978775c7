import Foundation
import Logging
import NixCache
import Testing

@Suite("Post-build-hook and watcher socket", .serialized, .timeLimit(.minutes(5)))
struct HookTests {
    static var flywheelBinary: String? {
        if let path = ProcessInfo.processInfo.environment["FLYWHEEL_BIN"], FileManager.default.isExecutableFile(atPath: path) { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let candidate = root + "/.build/debug/flywheel"
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    @Test func theHookReportsButDoesNotFailWithoutAWatcher() throws {
        let scratch = try TemporaryDirectory("hook-alone")
        let outcome = PostBuildHook.run(
            environment: ["OUT_PATHS": "/nix/store/zr2knphxg8yyy2mkq8akf2hfknjvdiz7-x", "DRV_PATH": ""], socket: scratch.file("none.sock"))
        #expect(!outcome.delivered)
        #expect(outcome.paths == ["/nix/store/zr2knphxg8yyy2mkq8akf2hfknjvdiz7-x"])
        #expect(outcome.message.contains("no cache watcher"))
        #expect(!outcome.message.contains("\n"), "one line")
    }

    @Test(.enabled(if: HookTests.flywheelBinary != nil, "needs the flywheel binary (swift build)"))
    func theHookCommandExitsZeroWithoutAWatcher() async throws {
        let scratch = try TemporaryDirectory("hook-binary")
        let socket = scratch.file("absent.sock")
        let result = try await OffPool.run {
            try ExternalTool.run(
                HookTests.flywheelBinary!, ["cache", "hook", "--socket", socket],
                environment: ["OUT_PATHS": "/nix/store/zr2knphxg8yyy2mkq8akf2hfknjvdiz7-x", "DRV_PATH": "/nix/store/mh3rz2qzm0lrcxk22g2b1kifak7q2nj9-x.drv"])
        }
        #expect(result.status == 0)
        #expect(result.standardError.contains("no cache watcher"), "\(result.standardError)")
        let empty = try await OffPool.run {
            try ExternalTool.run(HookTests.flywheelBinary!, ["cache", "hook", "--socket", socket], environment: ["OUT_PATHS": "", "DRV_PATH": ""])
        }
        #expect(empty.status == 0)
    }

    /// Nix 2.8 sets OUT_PATHS to "": the hook then sends DRV_PATH's outputs.
    @Test(.enabled(if: NixStoreFixture.available, "needs nix-bin"))
    func emptyOutPathsFallsBackToTheDerivationsOutputs() async throws {
        let fixture = try NixStoreFixture("hook-drv")
        let (top, leaf) = try await fixture.buildClosure(tag: "hookdrv")
        let drv = try #require(try await fixture.query("--deriver", top).first)
        let cache = fixture.scratch.file("cache")
        let database = try fixture.database()
        let uploader = CacheUploader(targets: try UploadHarness.targets(["file://\(cache)"]), database: database, logger: Logger(label: "test.hook"))
        let socket = fixture.scratch.file("w.sock")
        let listener = try await HookListener.bind(socketPath: socket, uploader: uploader, database: database, store: fixture.store)
        let store = fixture.store
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await uploader.run() }
            group.addTask { await listener.serve() }
            let outcome = try await OffPool.run { PostBuildHook.run(environment: ["OUT_PATHS": "", "DRV_PATH": drv], socket: socket, store: store) }
            #expect(outcome.delivered, "\(outcome.message)")
            #expect(outcome.paths == [top.path])
            let reply = try? await OffPool.run { try HookClient.send(HookMessage(command: .flush, timeout: 30), socket: socket, timeout: .seconds(40)) }
            #expect(reply?.drained == true)
            #expect(reply?.statistics?["uploaded"] == 2)
            uploader.finish()
            group.cancelAll()
        }
        for path in [top, leaf] {
            #expect(FileManager.default.fileExists(atPath: "\(cache)/\(path.hashPart).narinfo"), "\(path) was uploaded")
        }
    }

    /// `flywheel cache watch --exec`: paths built by the command are uploaded before the
    /// watcher exits with the command's status.
    @Test(.enabled(if: NixStoreFixture.available && HookTests.flywheelBinary != nil, "needs nix-bin and the flywheel binary"))
    func watchExecUploadsWhatTheCommandBuildsAndKeepsItsStatus() async throws {
        let fixture = try NixStoreFixture("watch-exec")
        // The watcher opens the store's database first thing; a fresh chroot store has
        // none until a Nix command creates it.
        try await fixture.initialize()
        let cache = fixture.scratch.file("cache")
        let expression = fixture.scratch.file("w.nix")
        try Data(#"""
        let leaf = builtins.derivation { name = "leaf-watch"; system = builtins.currentSystem; builder = "/bin/sh"; args = ["-c" "echo watch > $out"]; };
        in builtins.derivation { name = "top-watch"; system = builtins.currentSystem; builder = "/bin/sh"; args = ["-c" "echo ${leaf} > $out"]; }
        """#.utf8).write(to: URL(fileURLWithPath: expression))
        let arguments = [
            "cache", "watch", "--store", fixture.root, "--to", "file://\(cache)", "--socket", fixture.scratch.file("s.sock"),
            "--poll-interval", "0.2", "--flush-timeout", "60",
            "--exec", NixStoreFixture.nixBuild!, "--store", fixture.root, expression, "--no-out-link",
            "--option", "substituters", "", "--option", "extra-sandbox-paths", "/bin /lib /lib64 /usr",
        ]
        let environment = fixture.environment
        let result = try await OffPool.run { try ExternalTool.run(HookTests.flywheelBinary!, arguments, environment: environment) }
        #expect(result.status == 0, "\(result.standardError)")
        let top = try StorePath(try #require(result.trimmed.split(separator: "\n").last.map(String.init), "nix-build printed its output"))
        let leaf = try StorePath(try #require(try await fixture.query("--references", top).first))
        for path in [top, leaf] {
            #expect(FileManager.default.fileExists(atPath: "\(cache)/\(path.hashPart).narinfo"), "\(path) was uploaded: \(result.standardError)")
        }
        let failingArguments = [
            "cache", "watch", "--store", fixture.root, "--to", "file://\(cache)", "--socket", fixture.scratch.file("t.sock"),
            "--exec", "/bin/sh", "-c", "exit 3",
        ]
        let failing = try await OffPool.run { try ExternalTool.run(HookTests.flywheelBinary!, failingArguments, environment: environment) }
        #expect(failing.status == 3)
    }
}
