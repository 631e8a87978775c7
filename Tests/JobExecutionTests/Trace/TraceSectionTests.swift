import JobExecution
import Testing

@Suite struct TraceSectionTests {
    @Test func startAndEndMarkers() {
        #expect(TraceSection.start(name: "get_sources", header: "Getting source from Git repository", timestamp: 1_700_000_000)
            == "section_start:1700000000:get_sources\r\u{1b}[0KGetting source from Git repository\n")
        #expect(TraceSection.end(name: "get_sources", timestamp: 1_700_000_042) == "section_end:1700000042:get_sources\r\u{1b}[0K\n")
        #expect(TraceSection.start(name: "step_script", header: "two\nlines", collapsed: true, timestamp: 5)
            == "section_start:5:step_script[collapsed=true]\r\u{1b}[0Ktwo lines\n")
    }

    @Test func namesAreSanitised() {
        #expect(TraceSection.sanitizedName("step_build.v1-x") == "step_build.v1-x")
        #expect(TraceSection.sanitizedName("my step:1/ä") == "my_step_1__")
        #expect(TraceSection.sanitizedName("") == "section")
        #expect(TraceSection.end(name: "a b", timestamp: 1) == "section_end:1:a_b\r\u{1b}[0K\n")
    }

    @Test func defaultTimestampIsNow() throws {
        let before = TraceSection.currentTime()
        let marker = TraceSection.end(name: "x")
        let after = TraceSection.currentTime()
        let seconds = try #require(Int64(marker.split(separator: ":")[1]))
        #expect(before <= seconds && seconds <= after)
        #expect(before > 1_600_000_000)
    }

    @Test func messages() {
        #expect(TraceMessage.error("Job failed: exit code 1") == "\u{1b}[0K\u{1b}[31;1mERROR: Job failed: exit code 1\u{1b}[0;m\n")
        #expect(TraceMessage.success("Job succeeded") == "\u{1b}[0K\u{1b}[32;1mJob succeeded\u{1b}[0;m\n")
        #expect(TraceMessage.warning("careful") == "\u{1b}[0K\u{1b}[0;33mWARNING: careful\u{1b}[0;m\n")
        #expect(TraceMessage.plain("Running with flywheel") == "\u{1b}[0KRunning with flywheel\u{1b}[0;m\n")
        #expect(TraceMessage.bold("Preparing") == "\u{1b}[0K\u{1b}[36;1mPreparing\u{1b}[0;m\n")
    }
}
