import GitLabRunnerAPI
import Testing

@Suite struct FailureReasonTests {
    @Test func supportedReasonIsSentAsIs() {
        #expect(FailureReason.imagePullFailure.mapped(supported: ["image_pull_failure"]) == "image_pull_failure")
        #expect(FailureReason.runnerInterrupted.mapped(supported: ["runner_interrupted"]) == "runner_interrupted")
    }

    @Test func alwaysSupportedReasonsNeedNoListing() {
        #expect(FailureReason.scriptFailure.mapped(supported: []) == "script_failure")
        #expect(FailureReason.runnerSystemFailure.mapped(supported: []) == "runner_system_failure")
        #expect(FailureReason.jobExecutionTimeout.mapped(supported: []) == "job_execution_timeout")
    }

    @Test func unsupportedReasonFallsBackToItsCompatibleReason() {
        #expect(FailureReason.imagePullFailure.mapped(supported: ["script_failure"]) == "runner_system_failure")
        #expect(FailureReason.runnerExternalDependencyFailure.mapped(supported: []) == "runner_system_failure")
        #expect(FailureReason.runnerConfigurationError.mapped(supported: []) == "script_failure")
    }

    @Test func unknownToGitLabBecomesUnknownFailure() {
        #expect(FailureReason.runnerInterrupted.mapped(supported: ["script_failure"]) == "unknown_failure")
        #expect(FailureReason.jobCanceled.mapped(supported: ["unknown_failure"]) == "unknown_failure")
    }
}
