import Foundation
import Logging
import NixCache
import Testing

@Suite("Store watcher", .serialized, .timeLimit(.minutes(5)))
struct StoreWatcherTests {
    @Test(.enabled(if: NixStoreFixture.available, "needs nix-bin"), arguments: [true, false])
    func uploadsPathsBuiltAfterItStarted(inotify: Bool) async throws {
        let fixture = try NixStoreFixture("watch")
        let beforeFile = fixture.scratch.file("before.txt")
        try Data("before\n".utf8).write(to: URL(fileURLWithPath: beforeFile))
        let before = try await fixture.add(beforeFile)
        let database = try fixture.database()
        let cache = fixture.scratch.file("cache")
        let uploader = CacheUploader(targets: try UploadHarness.targets(["file://\(cache)"]), database: database, logger: Logger(label: "test.watch"))
        let watcher = try StoreWatcher(database: database, pollInterval: inotify ? .seconds(60) : .milliseconds(100), useInotify: inotify)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await uploader.run() }
            group.addTask { await watcher.run(into: uploader) }
            let (top, leaf) = try await fixture.buildClosure(tag: inotify ? "inotify" : "poll")
            // With inotify the 60 s poll never runs: the lock deletion must trigger it.
            try await Eventually.wait("the watcher to queue the new paths") { uploader.statistics.pathsQueued >= 2 }
            #expect(await uploader.flush(timeout: .seconds(30)))
            for path in [top, leaf] {
                #expect(FileManager.default.fileExists(atPath: "\(cache)/\(path.hashPart).narinfo"))
            }
            #expect(!FileManager.default.fileExists(atPath: "\(cache)/\(before.hashPart).narinfo"), "paths from before the start are not swept")
            uploader.finish()
            group.cancelAll()
        }
    }
}
