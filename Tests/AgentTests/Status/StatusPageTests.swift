@testable import Agent
import Foundation
import Testing

/// The status page's deploy-drift line: this pod's revision against the Deployment's requested one.
struct StatusPageTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func inStepWhenThePodRunsTheRequestedRevision() {
        let line = StatusPage.revisionLine(podRevision: "42", requested: ("42", now.addingTimeInterval(-12)), now: now)
        #expect(line.contains("Rolled out as revision <b>42</b>"))
        #expect(line.contains("requested revision <b>42</b> (read 12s ago)"))
        #expect(line.contains("in step"))
        #expect(!line.contains("drift"))
    }

    @Test func driftWhileTheRolloutHasNotReplacedThisPod() {
        let line = StatusPage.revisionLine(podRevision: "41", requested: ("42", now), now: now)
        #expect(line.contains("<span class=\"bad\">drift</span>"))
        #expect(line.contains("requested revision <b>42</b>"))
        let unrecorded = StatusPage.revisionLine(podRevision: nil, requested: ("42", now), now: now)
        #expect(unrecorded.contains("not recorded") && unrecorded.contains("drift"))
    }

    @Test func saysWhatIsUnknownOutsideKubernetesOrWithoutAnnotation() {
        #expect(StatusPage.revisionLine(podRevision: nil, requested: nil, now: now).contains("not running in Kubernetes"))
        #expect(StatusPage.revisionLine(podRevision: "7", requested: (nil, now), now: now).contains("records no requested revision"))
    }

    @Test func revisionsAreEscaped() {
        let line = StatusPage.revisionLine(podRevision: "<script>", requested: ("\"x\"", now), now: now)
        #expect(!line.contains("<script>"))
        #expect(line.contains("&lt;script&gt;") && line.contains("&quot;x&quot;"))
    }

    @Test func theBoardKeepsTheLastRead() {
        let board = StatusBoard()
        #expect(board.requestedRevision == nil)
        board.recordRequestedRevision("9", at: now)
        #expect(board.requestedRevision?.revision == "9")
        board.recordRequestedRevision(nil, at: now)
        #expect(board.requestedRevision != nil && board.requestedRevision?.revision == nil)
    }
}
