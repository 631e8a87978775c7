import Foundation

/// Resolves paths written in the configuration file, which are relative to
/// the file's directory.
enum ConfigurationPaths {
    /// The absolute, standardised directory holding the configuration file.
    static func directory(ofConfig path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardized
        return absolute.deletingLastPathComponent().path
    }

    /// `path` itself when absolute, otherwise `path` inside `directory`,
    /// standardised (no `.` or `..` components, no trailing `/`).
    static func resolve(_ path: String, relativeTo directory: String) -> String {
        let url = path.hasPrefix("/")
            ? URL(fileURLWithPath: path)
            : URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent(path)
        return url.standardized.path
    }
}
