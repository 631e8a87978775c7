/// Turns a parsed configuration file into an ``AgentConfiguration``,
/// applying defaults and validating every value.
struct ConfigurationDecoder {
    /// The configuration file's path, for messages.
    let path: String
    /// The absolute directory of the configuration file; relative paths in
    /// the file are resolved against it.
    let configDirectory: String

    init(path: String) {
        self.path = path
        self.configDirectory = ConfigurationPaths.directory(ofConfig: path)
    }

    /// Decodes the root table of the file.
    func decode(_ root: TOMLTable) throws(ConfigurationError) -> AgentConfiguration {
        let reader = ConfigurationTableReader(table: root, keyPrefix: "", path: path)
        try reader.rejectUnknownKeys(known: ConfigurationKeys.global) { key in
            guard ConfigurationKeys.runner.contains(key) else { return nil }
            return "`\(key)` is a [[runners]] setting, not a global one; move it into a [[runners]] section"
        }
        var configuration = AgentConfiguration()
        if let concurrent = try reader.integer("concurrent", atLeast: 1, hint: "it is the most jobs running at once across all runners") {
            configuration.concurrent = concurrent
        }
        if let interval = try reader.integer("check_interval", atLeast: 0, hint: "seconds between requests for new jobs") {
            configuration.checkInterval = interval
        }
        if let timeout = try reader.integer("shutdown_timeout", atLeast: 0, hint: "seconds to wait for running jobs when stopping") {
            configuration.shutdownTimeout = timeout
        }
        if let level = try reader.choice("log_level", as: LogLevel.self) {
            configuration.logLevel = level
        }
        if let format = try reader.choice("log_format", as: LogFormat.self) {
            configuration.logFormat = format
        }
        if let address = try reader.string("listen_address") {
            guard ListenAddress.isValid(address) else {
                throw reader.failure("listen_address", "must be host:port such as \"127.0.0.1:9252\", \"[::1]:9252\" or \":9252\" (all interfaces), got \(TOMLValue.string(address).tomlLiteral)")
            }
            configuration.listenAddress = address
        }
        configuration.runners = try decodeRunners(reader)
        return configuration
    }

    private func decodeRunners(_ reader: ConfigurationTableReader) throws(ConfigurationError) -> [RunnerSettings] {
        guard let value = reader.table["runners"] else { return [] }
        let elements: [TOMLValue]
        switch value {
        case .array(let array):
            elements = array
        case .table:
            throw reader.failure("runners", "must be a list of [[runners]] sections; write [[runners]] (double brackets) instead of [runners]")
        default:
            throw reader.failure("runners", "must be a list of [[runners]] sections, got \(value.shortDescription)")
        }
        var runners: [RunnerSettings] = []
        var namesSeen: [String: (index: Int, line: Int)] = [:]
        for (index, element) in elements.enumerated() {
            guard case .table(let table) = element else {
                throw ConfigurationError(
                    path: path, line: reader.line(of: "runners"), key: "runners[\(index)]",
                    message: "must be a [[runners]] section (a table), got \(element.shortDescription)"
                )
            }
            let runnerReader = ConfigurationTableReader(table: table, keyPrefix: "runners[\(index)].", path: path)
            let runner = try decodeRunner(runnerReader)
            if let first = namesSeen[runner.name] {
                throw runnerReader.failure("name", "duplicate runner name \(TOMLValue.string(runner.name).tomlLiteral): already used by runners[\(first.index)] at line \(first.line); runner names must be unique")
            }
            namesSeen[runner.name] = (index, runnerReader.line(of: "name"))
            runners.append(runner)
        }
        return runners
    }
}
