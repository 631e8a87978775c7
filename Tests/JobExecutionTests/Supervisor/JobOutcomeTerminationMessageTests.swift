import GitLabRunnerAPI
import JobExecution
import Testing

/// The one-line outcome a job pod's supervisor leaves in its termination message for the agent.
struct JobOutcomeTerminationMessageTests {
    @Test(arguments: [
        JobOutcome.Result.success, .canceled, .aborted, .failed(.scriptFailure, exitCode: 3),
        .failed(.runnerSystemFailure, exitCode: nil), .failed(.jobExecutionTimeout, exitCode: -1),
    ])
    func roundTrips(_ result: JobOutcome.Result) {
        #expect(JobOutcome.Result(terminationMessage: result.terminationMessage) == result)
    }

    @Test func theTextIsPlain() {
        #expect(JobOutcome.Result.failed(.scriptFailure, exitCode: 3).terminationMessage == "failed script_failure 3")
        #expect(JobOutcome.Result.success.terminationMessage == "success")
    }

    @Test(arguments: ["", "ok", "failed", "failed no_such_reason", "failed script_failure x", "success now", "failed script_failure 1 2"])
    func anythingElseIsNotAnOutcome(_ text: String) {
        #expect(JobOutcome.Result(terminationMessage: text) == nil)
    }
}
