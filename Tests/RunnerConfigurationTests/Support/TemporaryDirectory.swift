import Foundation

/// A fresh directory under the system temporary directory, removed when
/// the value is released.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "flywheel-config-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The absolute path of `name` inside the directory.
    func file(_ name: String) -> String {
        path + "/" + name
    }

    /// Writes `contents` to `name` inside the directory and returns its path.
    @discardableResult
    func write(_ contents: String, to name: String) throws -> String {
        let filePath = file(name)
        try contents.write(toFile: filePath, atomically: true, encoding: .utf8)
        return filePath
    }
}
