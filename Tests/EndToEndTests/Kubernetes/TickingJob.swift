import Foundation
import Simulators
import Testing

/// A job that prints `started <id>`, ticks until a release file appears, then prints `finished <id>`:
/// its trace shows any byte lost or repeated while agents come and go around it.
enum TickingJob {
    static func payload(release: String) -> [String: Any] {
        SimulatedJobs.script([
            #"echo "started $CI_JOB_ID""#,
            "i=0; while [ ! -f '\(release)' ]; do i=$((i+1)); echo \"tick $i\"; sleep 0.1; done",
            #"echo "finished $CI_JOB_ID""#,
        ])
    }

    /// Expects success, a trace GitLab checksummed as the runner did, `started` and `finished` once each
    /// and consecutive ticks.
    static func expectEveryByteOnce(_ job: SimulatedJobSnapshot, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(job.state == .success, "job \(job.id): \(job.traceText)", sourceLocation: sourceLocation)
        #expect(job.checksumMatches == true, "job \(job.id): reported \(job.reportedChecksum ?? "nil"), server has \(job.traceChecksum)", sourceLocation: sourceLocation)
        #expect(job.bytesizeMatches == true, sourceLocation: sourceLocation)
        let text = job.traceText
        #expect(text.components(separatedBy: "started \(job.id)\n").count == 2, "started once", sourceLocation: sourceLocation)
        #expect(text.components(separatedBy: "finished \(job.id)\n").count == 2, "finished once", sourceLocation: sourceLocation)
        let ticks = text.split(separator: "\n").filter { $0.hasPrefix("tick ") }.compactMap { Int($0.dropFirst(5)) }
        #expect(!ticks.isEmpty && ticks == Array(1...max(ticks.count, 1)), "job \(job.id): ticks consecutive", sourceLocation: sourceLocation)
    }
}
