import Foundation

/// Job caches as zip files in a directory on the runner's host (gitlab-runner's `cache_dir` for the
/// shell executor): `<directory>/<namespace>/<key>/cache.zip`. A new archive is written beside the
/// old one and renamed over it, so a concurrent restore never reads half a file.
public struct LocalCacheStore: JobCacheStore {
    public let directory: String
    /// Per-project part of the path, e.g. `project/42`.
    public let namespace: String

    public init(directory: String, namespace: String) {
        self.directory = directory
        self.namespace = namespace
    }

    func path(_ key: String) -> String {
        directory + "/" + namespace + "/" + JobCacheKey.relativePath(key) + "/cache.zip"
    }

    public func describe(key: String) -> String { path(key) }

    public func fetch(key: String, to destination: String) async throws -> Bool {
        let source = path(key)
        guard FileManager.default.fileExists(atPath: source) else { return false }
        try? FileManager.default.removeItem(atPath: destination)
        try FileManager.default.copyItem(atPath: source, toPath: destination)
        return true
    }

    public func store(key: String, from source: String) async throws {
        let target = path(key)
        let folder = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let staging = folder + "/.cache.zip.\(UUID().uuidString.prefix(8))"
        try FileManager.default.copyItem(atPath: source, toPath: staging)
        guard rename(staging, target) == 0 else {
            try? FileManager.default.removeItem(atPath: staging)
            throw CocoaError(.fileWriteUnknown)
        }
    }
}
