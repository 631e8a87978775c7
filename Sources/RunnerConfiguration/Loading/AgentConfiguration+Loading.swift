import Foundation

extension AgentConfiguration {
    /// Reads and parses the configuration file at `path`.
    ///
    /// - Throws: ``ConfigurationError`` when the file cannot be read, is not
    ///   valid TOML, or has an unknown key or invalid value.
    public static func load(path: String) throws(ConfigurationError) -> AgentConfiguration {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigurationError(path: path, message: "configuration file not found; create it (see docs/configuration.md) or register a runner with `flywheel register`")
        }
        guard !isDirectory.boolValue else {
            throw ConfigurationError(path: path, message: "is a directory; give the path of the config.toml file inside it")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(path: path, message: "cannot read the configuration file; check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(path: path, message: "the configuration file is not valid UTF-8 text; save it as UTF-8")
        }
        return try parse(text, path: path)
    }

    /// Parses configuration text, applying defaults and validating values.
    ///
    /// - Parameters:
    ///   - text: The TOML text of the configuration file.
    ///   - path: The file's path: used in error messages, for the default
    ///     `builds_dir` (`builds` next to the file), and to resolve relative
    ///     `token_file` and `builds_dir` paths. `token_file`s are read.
    /// - Throws: ``ConfigurationError`` naming the line and key at fault.
    public static func parse(_ text: String, path: String) throws(ConfigurationError) -> AgentConfiguration {
        let root: TOMLTable
        do {
            root = try TOMLParser.parse(text)
        } catch {
            throw ConfigurationError(path: path, line: error.line, column: error.column, message: "invalid TOML: \(error.message)")
        }
        return try ConfigurationDecoder(path: path).decode(root)
    }
}
