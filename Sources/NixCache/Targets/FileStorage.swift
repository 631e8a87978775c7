#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A binary cache in a local directory (`file:///DIR`). Files appear atomically: they are
/// written under a temporary name in the same directory and renamed into place.
struct FileStorage: BinaryCacheStorage {
    let directory: String

    var stagingDirectory: String { directory + "/nar" }

    var description: String { "file://" + directory }

    init(directory: String) throws(CacheTargetError) {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(atPath: directory + "/nar", withIntermediateDirectories: true)
        } catch {
            throw .fileSystem(path: directory, reason: "cannot create the cache directory: \(error.localizedDescription)")
        }
    }

    func exists(_ key: String) async throws(CacheTargetError) -> Bool {
        access(directory + "/" + key, F_OK) == 0
    }

    func get(_ key: String) async throws(CacheTargetError) -> [UInt8]? {
        let path = directory + "/" + key
        guard access(path, F_OK) == 0 else { return nil }
        do {
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .fileSystem(path: path, reason: "cannot read: \(error.localizedDescription)")
        }
    }

    func put(_ key: String, bytes: [UInt8], contentType: String) async throws(CacheTargetError) {
        let target = directory + "/" + key
        let temporary = directory + "/.flywheel-\(UUID().uuidString)"
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: temporary))
        } catch {
            unlink(temporary)
            throw .fileSystem(path: target, reason: "cannot write: \(error.localizedDescription)")
        }
        try move(temporary, to: target)
    }

    func put(_ key: String, file: String, size: UInt64, sha256: NixHash, contentType: String) async throws(CacheTargetError) {
        try move(file, to: directory + "/" + key)
    }

    private func move(_ source: String, to target: String) throws(CacheTargetError) {
        chmod(source, 0o644)
        guard rename(source, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(source)
            throw .fileSystem(path: target, reason: "cannot rename into place: \(reason)")
        }
    }
}
