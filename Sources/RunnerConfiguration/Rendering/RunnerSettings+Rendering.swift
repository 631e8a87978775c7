extension RunnerSettings {
    /// The `key = value` lines of this runner's `[[runners]]` section.
    func renderedKeyValues() -> [String] {
        var pairs: [(String, TOMLValue)] = [
            ("name", .string(name)),
            ("url", .string(url)),
        ]
        if let id {
            pairs.append(("id", .integer(Int64(id))))
        }
        if let tokenFile {
            pairs.append(("token_file", .string(tokenFile)))
        } else {
            pairs.append(("token", .string(token)))
        }
        if let tokenObtainedAt {
            pairs.append(("token_obtained_at", .string(tokenObtainedAt)))
        }
        if let tokenExpiresAt {
            pairs.append(("token_expires_at", .string(tokenExpiresAt)))
        }
        pairs += [
            ("executor", .string(executor.rawValue)),
            ("limit", .integer(Int64(limit))),
            ("request_concurrency", .integer(Int64(requestConcurrency))),
            ("output_limit", .integer(Int64(outputLimitKiB))),
            ("builds_dir", .string(buildsDir)),
        ]
        if let cacheDir { pairs.append(("cache_dir", .string(cacheDir))) }
        pairs += [
            ("shell", .string(shell)),
            ("environment", .array(environment.map(TOMLValue.string))),
        ]
        return pairs.map { "\($0.0) = \($0.1.tomlLiteral)" }
    }
}
