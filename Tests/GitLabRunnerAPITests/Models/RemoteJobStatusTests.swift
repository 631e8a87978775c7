import GitLabRunnerAPI
import Testing

@Suite struct RemoteJobStatusTests {
    @Test(arguments: [("running", RemoteJobStatus.running), ("canceling", .canceling), ("canceled", .canceled), ("failed", .failed), ("Success", .success)])
    func parsesHeader(header: String, expected: RemoteJobStatus) {
        #expect(RemoteJobStatus(header: header) == expected)
    }

    @Test func onlyCanceledAndFailedAbort() {
        #expect(RemoteJobStatus.canceled.isAbort)
        #expect(RemoteJobStatus.failed.isAbort)
        #expect(!RemoteJobStatus.canceling.isAbort)
        #expect(!RemoteJobStatus.running.isAbort)
    }
}
