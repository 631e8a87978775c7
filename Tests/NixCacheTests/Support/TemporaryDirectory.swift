import Foundation

/// A fresh directory under the system temp directory, removed when released.
final class TemporaryDirectory: Sendable {
    let path: String

    init(_ label: String = "nixcache") throws {
        let base = FileManager.default.temporaryDirectory.path
        path = "\(base)/\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        // Nix makes store contents read-only; restore write permission so removal works.
        _ = try? ExternalTool.run("/bin/chmod", ["-R", "u+w", path])
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ relative: String) -> String { "\(path)/\(relative)" }
}
