import Foundation

/// A copy of everything the simulator knows about one job at one moment.
public struct SimulatedJobSnapshot: Sendable, Hashable {
    /// The job id.
    public var id: Int64
    /// The job token.
    public var token: String
    /// The status.
    public var state: SimulatedJobState
    /// Whether a runner has been handed the job (201).
    public var assigned: Bool
    /// When a runner was handed the job (the 201 answer).
    public var assignedAt: Date?
    /// Whether the job was handed out under two-phase commit (the requesting runner advertised
    /// `features.two_phase_job_commit`).
    public var twoPhaseCommit: Bool
    /// Whether the runner acknowledged the job (`PUT state=running` under two-phase commit;
    /// always `true` once assigned otherwise).
    public var acknowledged: Bool
    /// The runner that took the job.
    public var runnerID: Int64?
    /// The `system_id` of the runner manager that took the job.
    public var systemID: String?
    /// The `failure_reason` stored (after mapping unknown reasons to `unknown_failure`).
    public var failureReason: String?
    /// The `exit_code` stored with a `failed` update.
    public var exitCode: Int?
    /// The assembled trace.
    public var trace: [UInt8]
    /// The checksum of ``trace`` in wire form (`crc32:%08x`).
    public var traceChecksum: String
    /// The checksum reported by the latest update that carried one.
    public var reportedChecksum: String?
    /// The byte size reported by the latest update that carried one.
    public var reportedBytesize: Int?
    /// Whether ``reportedChecksum`` equalled the trace's checksum when it was reported.
    public var checksumMatches: Bool?
    /// Whether ``reportedBytesize`` equalled the trace's length when it was reported.
    public var bytesizeMatches: Bool?
    /// Every authenticated `PUT /jobs/:id`, in order.
    public var updates: [SimulatedJobUpdate]
    /// Every authenticated `PATCH /jobs/:id/trace` that reached the range check, in order.
    public var tracePatches: [SimulatedTracePatch]
    /// How many trace patches were appended (202).
    public var traceUpdateCount: Int
    /// How many final updates were answered 202 instead of being applied.
    public var acceptedFinalUpdates: Int
    /// Whether a patch at offset 0 carried `debug_trace=true`.
    public var debugTrace: Bool
    /// The payload as the runner received it (`nil` until the job is handed out).
    public var deliveredPayload: SimulatedJSON?

    /// The trace decoded as UTF-8 (invalid bytes replaced).
    public var traceText: String { String(decoding: trace, as: UTF8.self) }

    /// The snapshot as JSON, as the admin API serves it (trace as base64 and as text).
    public var json: SimulatedJSON {
        var object: [String: SimulatedJSON] = [
            "id": .int(id),
            "token": .string(token),
            "state": .string(state.rawValue),
            "assigned": .bool(assigned),
            "two_phase_commit": .bool(twoPhaseCommit),
            "acknowledged": .bool(acknowledged),
            "trace_base64": .string(Data(trace).base64EncodedString()),
            "trace_text": .string(traceText),
            "trace_bytesize": .int(Int64(trace.count)),
            "trace_checksum": .string(traceChecksum),
            "trace_update_count": .int(Int64(traceUpdateCount)),
            "accepted_final_updates": .int(Int64(acceptedFinalUpdates)),
            "debug_trace": .bool(debugTrace),
        ]
        object["runner_id"] = runnerID.map { .int($0) } ?? .null
        object["system_id"] = systemID.map { .string($0) } ?? .null
        object["failure_reason"] = failureReason.map { .string($0) } ?? .null
        object["exit_code"] = exitCode.map { .int(Int64($0)) } ?? .null
        object["reported_checksum"] = reportedChecksum.map { .string($0) } ?? .null
        object["reported_bytesize"] = reportedBytesize.map { .int(Int64($0)) } ?? .null
        object["checksum_matches"] = checksumMatches.map { .bool($0) } ?? .null
        object["bytesize_matches"] = bytesizeMatches.map { .bool($0) } ?? .null
        object["updates"] = .array(updates.map { update in
            var item: [String: SimulatedJSON] = [
                "response_status": .int(Int64(update.responseStatus)),
                "job_status": .string(update.jobStatus.rawValue),
                "time": .string(ISO8601DateFormatter().string(from: update.time)),
            ]
            item["state"] = update.state.map { .string($0) } ?? .null
            item["failure_reason"] = update.failureReason.map { .string($0) } ?? .null
            item["exit_code"] = update.exitCode.map { .int(Int64($0)) } ?? .null
            item["checksum"] = update.checksum.map { .string($0) } ?? .null
            item["bytesize"] = update.bytesize.map { .int(Int64($0)) } ?? .null
            return .object(item)
        })
        object["trace_patches"] = .array(tracePatches.map { patch in
            var item: [String: SimulatedJSON] = [
                "length": .int(Int64(patch.length)),
                "end_matches_body": .bool(patch.endMatchesBody),
                "response_status": .int(Int64(patch.responseStatus)),
            ]
            item["content_range"] = patch.contentRange.map { .string($0) } ?? .null
            item["start"] = patch.start.map { .int(Int64($0)) } ?? .null
            item["end"] = patch.end.map { .int(Int64($0)) } ?? .null
            return .object(item)
        })
        object["payload"] = deliveredPayload ?? .null
        return .object(object)
    }
}
