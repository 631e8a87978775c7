import Foundation

/// The simulator's mutable record of one job.
struct JobRecord {
    var id: Int64
    var token: String
    /// The payload as enqueued (an object; defaults are added on delivery).
    var payload: SimulatedJSON
    /// The job's tags (`tag_list` of the enqueued object; not part of the delivered payload).
    var tags: [String] = []
    var deliveredPayload: SimulatedJSON?
    var state: SimulatedJobState = .pending
    var assigned = false
    var assignedAt: Date?
    var twoPhaseCommit = false
    var acknowledged = false
    var runnerID: Int64?
    var systemID: String?
    var failureReason: String?
    var exitCode: Int?
    var trace: [UInt8] = []
    var traceCRC = CRC32()
    var reportedChecksum: String?
    var reportedBytesize: Int?
    var checksumMatches: Bool?
    var bytesizeMatches: Bool?
    var updates: [SimulatedJobUpdate] = []
    var tracePatches: [SimulatedTracePatch] = []
    var traceUpdateCount = 0
    var acceptedFinalUpdates = 0
    var debugTrace = false

    /// Handed out under two-phase commit and not yet acknowledged.
    var awaitingAcknowledgement: Bool {
        state == .pending && assigned && !acknowledged
    }

    /// GitLab's `processing_on_runner?`: running or canceling.
    var processingOnRunner: Bool {
        state == .running || state == .canceling
    }

    mutating func append(_ bytes: [UInt8]) {
        trace.append(contentsOf: bytes)
        traceCRC.update(bytes)
    }

    mutating func truncate(by count: Int) {
        trace.removeLast(min(count, trace.count))
        traceCRC = CRC32()
        traceCRC.update(trace)
    }

    var snapshot: SimulatedJobSnapshot {
        SimulatedJobSnapshot(
            id: id,
            token: token,
            state: state,
            assigned: assigned,
            assignedAt: assignedAt,
            twoPhaseCommit: twoPhaseCommit,
            acknowledged: acknowledged,
            runnerID: runnerID,
            systemID: systemID,
            failureReason: failureReason,
            exitCode: exitCode,
            trace: trace,
            traceChecksum: traceCRC.gitLabString,
            reportedChecksum: reportedChecksum,
            reportedBytesize: reportedBytesize,
            checksumMatches: checksumMatches,
            bytesizeMatches: bytesizeMatches,
            updates: updates,
            tracePatches: tracePatches,
            traceUpdateCount: traceUpdateCount,
            acceptedFinalUpdates: acceptedFinalUpdates,
            debugTrace: debugTrace,
            deliveredPayload: deliveredPayload
        )
    }
}
