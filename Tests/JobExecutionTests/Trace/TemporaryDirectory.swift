import Foundation

/// A fresh directory under the system temp directory, removed by ``remove()``.
struct TemporaryDirectory {
    let path: String

    init(_ label: String = "test") throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("flywheel-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
