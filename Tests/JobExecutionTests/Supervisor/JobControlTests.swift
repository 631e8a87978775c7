@testable import JobExecution
import Testing

@Suite(.timeLimit(.minutes(1))) struct JobControlTests {
    @Test func strongerRequestsWinWeakerAreIgnored() {
        let control = JobControl()
        control.request(.cancel)
        control.request(.timeout)
        #expect(control.stop == .cancel)
        control.request(.abort)
        #expect(control.stop == .abort)
    }

    @Test func waiterWakesOnlyForAStopAboveItsThreshold() async {
        let control = JobControl()
        control.request(.cancel)
        #expect(await control.waitForStop(strongerThan: nil) == .cancel)
        await withTaskGroup(of: JobStop?.self) { group in
            group.addTask { await control.waitForStop(strongerThan: .cancel) }
            control.request(.interrupt)
            #expect(await group.next() == .interrupt)
        }
    }

    @Test func cancelledWaiterReturnsNil() async {
        let control = JobControl()
        let waiter = Task { await control.waitForStop(strongerThan: nil) }
        waiter.cancel()
        #expect(await waiter.value == nil)
    }

    @Test(arguments: [("5m", 300), ("90s", 90), ("1h30m", 5400), ("300", 300), ("1.5m", 90), ("500ms", 1)])
    func goDurations(text: String, seconds: Int) {
        #expect(GoDuration.seconds(text) == seconds)
    }

    @Test(arguments: ["", "abc", "5x", "m"])
    func invalidGoDurations(text: String) {
        #expect(GoDuration.seconds(text) == nil)
    }
}

/// The phase an executor reports for the status page.
struct JobControlPhaseTests {
    @Test func theLastReportedPhaseIsKept() {
        let control = JobControl()
        #expect(control.currentPhase == nil)
        control.reportPhase("Pending")
        control.reportPhase("Running")
        #expect(control.currentPhase == "Running")
        #expect(control.stop == nil, "reporting a phase requests nothing")
    }
}
