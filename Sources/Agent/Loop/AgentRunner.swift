import Executors
import GitLabRunnerAPI
import RunnerConfiguration

/// One `[[runners]]` entry as the agent serves it: its settings, its GitLab client and its executor.
public struct AgentRunner: Sendable {
    public var settings: RunnerSettings
    public var api: any RunnerAPI & JobAPI
    public var executor: any JobExecutor

    public init(settings: RunnerSettings, api: any RunnerAPI & JobAPI, executor: any JobExecutor) {
        self.settings = settings
        self.api = api
        self.executor = executor
    }
}
