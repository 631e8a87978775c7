@testable import GitLabRunnerAPI
import NIOHTTP1
import Testing

@Suite struct RetryPolicyTests {
    @Test(arguments: [408, 429, 500, 502, 503, 504, 512, 599])
    func retriesTransientStatuses(status: Int) {
        #expect(RetryPolicy.isRetryable(status: status))
    }

    @Test(arguments: [200, 201, 202, 204, 400, 403, 404, 409, 412, 416, 501, 505])
    func doesNotRetryOthers(status: Int) {
        #expect(!RetryPolicy.isRetryable(status: status))
    }

    @Test func retryAfterWinsOverBackoffAndIsCapped() {
        let policy = RetryPolicy(maxAttempts: 5, initialBackoff: .milliseconds(100), maxBackoff: .seconds(60))
        #expect(policy.delay(afterAttempt: 1, retryAfter: 7) == .seconds(7))
        #expect(policy.delay(afterAttempt: 1, retryAfter: 3600) == .seconds(60))
    }

    @Test func backoffGrowsExponentiallyWithJitter() {
        let policy = RetryPolicy(maxAttempts: 5, initialBackoff: .milliseconds(100), maxBackoff: .seconds(60))
        for _ in 0..<50 {
            let first = policy.delay(afterAttempt: 1, retryAfter: nil)
            let third = policy.delay(afterAttempt: 3, retryAfter: nil)
            #expect(first >= .milliseconds(50) && first <= .milliseconds(150))
            #expect(third >= .milliseconds(200) && third <= .milliseconds(600))
        }
    }

    @Test func readsRetryAfterHeader() {
        var headers = HTTPHeaders()
        headers.add(name: "Retry-After", value: "60")
        #expect(GitLabClient.retryAfterSeconds(headers) == 60)
        #expect(GitLabClient.retryAfterSeconds(HTTPHeaders()) == nil)
    }

    @Test func rangeHeaderGivesTheServerLength() {
        #expect(GitLabClient.rangeLength("0-1234") == 1234)
        #expect(GitLabClient.rangeLength("0-0") == 0)
        #expect(GitLabClient.rangeLength("garbage") == nil)
    }

    @Test func normalisesServerURL() {
        #expect(GitLabClient.normalise("https://gitlab.example.com/") == "https://gitlab.example.com")
        #expect(GitLabClient.normalise("https://gitlab.example.com/ci") == "https://gitlab.example.com")
        #expect(GitLabClient.normalise("https://gitlab.example.com/ci/") == "https://gitlab.example.com")
        #expect(GitLabClient.normalise("https://example.com/gitlab") == "https://example.com/gitlab")
    }
}
