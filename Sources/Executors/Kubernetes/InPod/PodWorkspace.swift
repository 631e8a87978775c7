import Foundation

/// The `/flywheel` volume shared by the supervisor and build containers of a job pod.
public struct PodWorkspace: Sendable {
    /// Root of the shared volume.
    public var root: String

    public init(root: String = "/flywheel") {
        self.root = root
    }

    public var scriptsDirectory: String { root + "/scripts" }
    public var controlDirectory: String { root + "/control" }
    public var logsDirectory: String { root + "/logs" }
    public var buildLoopPath: String { root + "/build-loop.sh" }
    public var heartbeatPath: String { controlDirectory + "/heartbeat" }
    public var stopPath: String { controlDirectory + "/stop" }

    /// Creates the directories (world-writable: the build image may run as any user) and the build loop.
    /// This is what the `prepare` init container does.
    public func prepare() throws {
        let files = FileManager.default
        for directory in [root, scriptsDirectory, controlDirectory, logsDirectory] {
            try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try files.setAttributes([.posixPermissions: 0o777], ofItemAtPath: directory)
        }
        try Data(BuildLoopScript.text.utf8).write(to: URL(fileURLWithPath: buildLoopPath))
        try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: buildLoopPath)
    }

    /// Ends the build loop (and with it the build container).
    public func stopBuildLoop() {
        FileManager.default.createFile(atPath: stopPath, contents: nil)
    }

    /// Writes `contents` to `path` through a rename, so a reader never sees half of it.
    func writeAtomically(_ contents: String, to path: String, permissions: Int = 0o644) throws {
        let temporary = path + ".tmp"
        try Data(contents.utf8).write(to: URL(fileURLWithPath: temporary))
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary)
        guard rename(temporary, path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
