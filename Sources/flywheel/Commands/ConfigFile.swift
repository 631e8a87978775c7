import Foundation
import RunnerConfiguration

/// Reading and atomically rewriting config.toml for the registration commands.
enum ConfigFile {
    /// The configuration at `path`, or an empty one when the file does not exist yet.
    static func loadOrEmpty(_ path: String) throws -> AgentConfiguration {
        guard FileManager.default.fileExists(atPath: path) else { return AgentConfiguration() }
        return try AgentConfiguration.load(path: path)
    }

    /// Writes `configuration` to `path` through a temporary file and a rename, mode 0600 (it holds tokens).
    static func write(_ configuration: AgentConfiguration, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        try Data(configuration.rendered().utf8).write(to: temporary)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: temporary.path)
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot write \(path): \(reason)"])
        }
    }

    /// The builds directory used when none is given: `builds/` next to the config file.
    static func defaultBuildsDir(_ path: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("builds").path
    }
}
