@testable import Pipeline
import Testing

@Suite struct PipelineDurationTests {
    @Test(arguments: [("3600", 3600), ("1h 30m", 5400), ("1h30m", 5400), ("90 minutes", 5400), ("2 hours, 5 min", 7500), ("1d", 86400), ("45s", 45)])
    func parses(text: String, seconds: Int) {
        #expect(PipelineDuration.seconds(text) == seconds)
    }

    @Test(arguments: ["", "soon", "1 fortnight", "h1", "1.5h", "-3m"])
    func rejects(text: String) {
        #expect(PipelineDuration.seconds(text) == nil)
    }
}
