import Foundation

extension ConfigurationDecoder {
    /// Decodes one `[[runners]]` section.
    func decodeRunner(_ reader: ConfigurationTableReader) throws(ConfigurationError) -> RunnerSettings {
        try reader.rejectUnknownKeys(known: ConfigurationKeys.runner) { key in
            if let explanation = ConfigurationKeys.runnerSectionsComingLater[key] {
                return explanation
            }
            if ConfigurationKeys.global.contains(key) {
                return "`\(key)` is a global setting, not a [[runners]] one; move it above the first [[runners]] section (keys after a [[runners]] header belong to that runner)"
            }
            if KeySuggestion.hint(for: key, among: ConfigurationKeys.runner) == nil,
               let hint = KeySuggestion.hint(for: key, among: ConfigurationKeys.global.filter { $0 != "runners" }) {
                return "unknown key; \(hint) That is a global setting: put it above the first [[runners]] section"
            }
            return nil
        }
        guard let name = try reader.nonEmptyString("name", example: "\"build-host-1\"") else {
            throw missing(reader, "name", "give the runner a unique name, e.g. name = \"build-host-1\"")
        }
        guard let rawURL = try reader.string("url") else {
            throw missing(reader, "url", "set it to the GitLab instance, e.g. url = \"https://gitlab.example.com\"")
        }
        guard let url = RunnerURL.normalized(rawURL) else {
            throw reader.failure("url", "must be an http(s) URL of the GitLab instance such as \"https://gitlab.example.com\", got \(TOMLValue.string(rawURL).tomlLiteral)")
        }
        let (token, tokenFile) = try decodeToken(reader)
        guard let executor = try reader.choice("executor", as: ExecutorKind.self) else {
            throw missing(reader, "executor", "choose one of \(ExecutorKind.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")), e.g. executor = \"shell\"")
        }
        var runner = RunnerSettings(
            name: name,
            url: url,
            token: token,
            tokenFile: tokenFile,
            id: try reader.integer("id", atLeast: 0, hint: "the runner id written by registration"),
            tokenObtainedAt: try reader.string("token_obtained_at"),
            tokenExpiresAt: try reader.string("token_expires_at"),
            executor: executor,
            buildsDir: RunnerSettings.defaultBuildsDir(configPath: path)
        )
        if let limit = try reader.integer("limit", atLeast: 0, hint: "0 means no per-runner limit") {
            runner.limit = limit
        }
        if let requests = try reader.integer("request_concurrency", atLeast: 1, hint: "the most concurrent requests for new jobs") {
            runner.requestConcurrency = requests
        }
        if let outputLimit = try reader.integer("output_limit", atLeast: 1, hint: "the job log size limit in KiB") {
            runner.outputLimitKiB = outputLimit
        }
        if let buildsDir = try reader.nonEmptyString("builds_dir", example: "\"/var/lib/flywheel/builds\"") {
            runner.buildsDir = ConfigurationPaths.resolve(buildsDir, relativeTo: configDirectory)
        }
        if let cacheDir = try reader.nonEmptyString("cache_dir", example: "\"/var/lib/flywheel/cache\"") {
            runner.cacheDir = ConfigurationPaths.resolve(cacheDir, relativeTo: configDirectory)
        }
        if let shell = try reader.string("shell") {
            guard RunnerSettings.supportedShells.contains(shell) else {
                throw reader.failure("shell", ConfigurationTableReader.notOneOf(shell, allowed: RunnerSettings.supportedShells))
            }
            runner.shell = shell
        }
        if let environment = try reader.stringArray("environment") {
            for (index, entry) in environment.enumerated() where !Self.isEnvironmentEntry(entry) {
                throw ConfigurationError(
                    path: path, line: reader.line(of: "environment"), key: "\(reader.keyPath("environment"))[\(index)]",
                    message: "must be \"KEY=VALUE\" where KEY has only letters, digits and `_` and does not start with a digit, got \(TOMLValue.string(entry).tomlLiteral)"
                )
            }
            runner.environment = environment
        }
        switch reader.table["kubernetes"] {
        case .table(let table)?:
            runner.kubernetes = try decodeKubernetes(ConfigurationTableReader(table: table, keyPrefix: reader.keyPath("kubernetes."), path: path))
        case nil:
            break
        case .some:
            throw reader.failure("kubernetes", "must be a table: write it as a [runners.kubernetes] section below this runner")
        }
        switch reader.table["cache"] {
        case .table(let table)?:
            runner.cache = try decodeCache(ConfigurationTableReader(table: table, keyPrefix: reader.keyPath("cache."), path: path))
        case nil:
            break
        case .some:
            throw reader.failure("cache", "must be a table: write it as a [runners.cache] section below this runner")
        }
        if executor == .kubernetes, runner.kubernetes == nil {
            throw missing(reader, "kubernetes", "executor = \"kubernetes\" needs a [runners.kubernetes] section with at least profile = \"docker\"")
        }
        return runner
    }

    private func missing(_ reader: ConfigurationTableReader, _ key: String, _ advice: String) -> ConfigurationError {
        ConfigurationError(path: path, line: reader.table.line, key: reader.keyPath(key), message: "is required in every [[runners]] section; \(advice)")
    }

    /// Whether `entry` is `KEY=VALUE` with a valid shell variable name.
    static func isEnvironmentEntry(_ entry: String) -> Bool {
        guard let equals = entry.firstIndex(of: "=") else { return false }
        let name = entry[..<equals]
        guard let first = name.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// The resolved token and the `token_file` as written, if used.
    private func decodeToken(_ reader: ConfigurationTableReader) throws(ConfigurationError) -> (token: String, tokenFile: String?) {
        let token = try reader.string("token")
        let tokenFile = try reader.nonEmptyString("token_file", example: "\"/run/secrets/runner-token\"")
        switch (token, tokenFile) {
        case (nil, nil):
            throw missing(reader, "token", "set `token` to the runner authentication token (glrt-…), or `token_file` to a file containing it")
        case (.some, .some):
            throw reader.failure("token_file", "set either `token` or `token_file`, not both; remove one of them")
        case (let token?, nil):
            try checkToken(token) { message throws(ConfigurationError) in
                throw reader.failure("token", message)
            }
            return (token, nil)
        case (nil, let file?):
            let resolved = ConfigurationPaths.resolve(file, relativeTo: configDirectory)
            let contents = try readTokenFile(resolved) { message in reader.failure("token_file", message) }
            try checkToken(contents) { message throws(ConfigurationError) in
                throw reader.failure("token_file", "token file `\(resolved)`: \(message)")
            }
            return (contents, file)
        }
    }

    private func checkToken(_ token: String, fail: (String) throws(ConfigurationError) -> Void) throws(ConfigurationError) {
        if token.isEmpty {
            try fail("the token must not be empty; put the runner authentication token (glrt-…) there")
        } else if token.contains(where: \.isWhitespace) {
            try fail("the token must not contain whitespace; check that it was copied correctly")
        }
    }

    private func readTokenFile(_ path: String, failure: (String) -> ConfigurationError) throws(ConfigurationError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw failure("token file `\(path)` does not exist; create it with the runner authentication token, or use `token` instead")
        }
        guard !isDirectory.boolValue else {
            throw failure("token file `\(path)` is a directory; point `token_file` at a file holding the token")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw failure("cannot read token file `\(path)`; check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw failure("token file `\(path)` is not UTF-8 text; it must hold only the runner authentication token")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
