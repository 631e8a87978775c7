import GitLabRunnerAPI

/// The final variables of a job, as its stage scripts export them (notes §10.3).
///
/// Built in gitlab-runner's precedence, later definitions of a key replacing earlier ones:
/// 1. the runner's predefined variables (`CI_BUILDS_DIR`, `CI_PROJECT_DIR`, `CI_SERVER`, `CI_JOB_STATUS`, …),
/// 2. the runner's `environment` entries,
/// 3. the job's variables from GitLab,
///
/// except that `CI_BUILDS_DIR`, `CI_PROJECT_DIR` and `RUNNER_TEMP_PROJECT_DIR` always keep the runner's
/// values. Then `$VAR` / `${VAR}` references are expanded over the whole list (not in `raw` values).
public struct JobVariables: Sendable, Equatable {
    /// Keys only the runner sets.
    static let runnerOwnedKeys: Set<String> = ["CI_BUILDS_DIR", "CI_PROJECT_DIR", "RUNNER_TEMP_PROJECT_DIR"]

    /// Every variable once, expanded, in definition order (the first definition's place, the winning value).
    public private(set) var all: [JobVariable]
    /// Values the trace must mask: those of masked variables (as sent and as expanded) and the job token.
    public private(set) var maskedValues: [String]

    /// - Parameters:
    ///   - job: the payload; its `token` is always masked, and exported as `CI_JOB_TOKEN` when GitLab did not send it.
    ///   - layout: where the job's directories are.
    ///   - runner: what the runner adds.
    public init(job: JobPayload, layout: JobLayout, runner: RunnerContext = RunnerContext()) {
        var predefined: [JobVariable] = [
            JobVariable(key: "CI_BUILDS_DIR", value: layout.buildsDir, raw: true),
            JobVariable(key: "CI_PROJECT_DIR", value: layout.projectDir, raw: true),
            JobVariable(key: "CI_CONCURRENT_ID", value: String(runner.concurrentID)),
            JobVariable(key: "CI_CONCURRENT_PROJECT_ID", value: String(runner.concurrentProjectID)),
            JobVariable(key: "CI_SERVER", value: "yes"),
            JobVariable(key: "CI_JOB_STATUS", value: "running"),
            JobVariable(key: "CI_JOB_TIMEOUT", value: String(job.timeoutSeconds)),
            JobVariable(
                key: runner.disposableEnvironment ? "CI_DISPOSABLE_ENVIRONMENT" : "CI_SHARED_ENVIRONMENT", value: "true"
            ),
            JobVariable(key: "CI_RUNNER_VERSION", value: runner.version),
            JobVariable(key: "CI_RUNNER_REVISION", value: runner.revision),
            JobVariable(key: "CI_RUNNER_EXECUTABLE_ARCH", value: runner.executableArch),
            JobVariable(key: "RUNNER_TEMP_PROJECT_DIR", value: layout.tempDir, raw: true),
        ]
        if let shortToken = runner.shortToken, !shortToken.isEmpty {
            predefined.append(JobVariable(key: "CI_RUNNER_SHORT_TOKEN", value: shortToken))
        }
        if let image = job.image, !image.name.isEmpty {
            predefined.append(JobVariable(key: "CI_JOB_IMAGE", value: image.name))
        }
        if !job.token.isEmpty, !job.variables.contains(where: { $0.key == "CI_JOB_TOKEN" }) {
            predefined.append(JobVariable(key: "CI_JOB_TOKEN", value: job.token, isPublic: false, masked: true))
        }
        var configured: [JobVariable] = []
        for entry in runner.environment {
            guard let equals = entry.firstIndex(of: "=") else { continue }
            let key = String(entry[..<equals])
            guard !key.isEmpty else { continue }
            configured.append(JobVariable(key: key, value: String(entry[entry.index(after: equals)...])))
        }

        var order: [String] = []
        var definitions: [String: JobVariable] = [:]
        func define(_ variable: JobVariable, protected: Bool) {
            if definitions[variable.key] == nil {
                order.append(variable.key)
            } else if protected, Self.runnerOwnedKeys.contains(variable.key) {
                return
            }
            definitions[variable.key] = variable
        }
        for variable in predefined { define(variable, protected: false) }
        for variable in configured { define(variable, protected: true) }
        for variable in job.variables { define(variable, protected: true) }

        var expander = VariableExpander(definitions: definitions)
        var all: [JobVariable] = []
        all.reserveCapacity(order.count)
        var masked: [String] = []
        var seenMasked = Set<String>()
        func mask(_ value: String) {
            if !value.isEmpty, seenMasked.insert(value).inserted { masked.append(value) }
        }
        mask(job.token)
        for key in order {
            guard var variable = definitions[key] else { continue }
            let original = variable.value
            variable.value = expander.value(of: key) ?? original
            if variable.masked {
                mask(original)
                mask(variable.value)
            }
            all.append(variable)
        }
        self.all = all
        self.maskedValues = masked
    }

    /// The final value of `key`, or `nil` when the job has no such variable.
    public func value(of key: String) -> String? {
        all.first(where: { $0.key == key })?.value
    }

    /// The variable `key` with its final value, or `nil` when the job has no such variable.
    public func variable(_ key: String) -> JobVariable? {
        all.first(where: { $0.key == key })
    }
}
