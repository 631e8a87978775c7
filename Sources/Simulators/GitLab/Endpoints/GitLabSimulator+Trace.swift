import Foundation

extension GitLabSimulator {
    /// `PATCH /api/v4/jobs/:id/trace`.
    ///
    /// 404 for an unknown job; 403 unless the `token` parameter (else the `JOB-TOKEN` header)
    /// matches; 403 with `Job-Status` unless the job is running or canceling; 400 when
    /// `Content-Range` is missing or not `<start>-<end>` (digits only, no `bytes ` unit); 403 and
    /// the job failed with `trace_size_exceeded` past the size limit; 416 with
    /// `Range: 0-<stored length>` when `start` is not the stored length; else the body is appended
    /// (only `start` is trusted) and the answer is 202 with `Job-Status`, `Range: 0-<new length>`
    /// and `X-GitLab-Trace-Update-Interval`.
    func patchTrace(_ id: Int64, _ request: SimulatorHTTPRequest, sequence: Int) -> SimulatorHTTPResponse {
        let presentedToken = request.queryValue("token") ?? request.headers["JOB-TOKEN"]
        let contentRange = request.headers["Content-Range"]
        let parsedRange = contentRange.flatMap(Self.parseContentRange)
        let body = request.body
        let debugTrace = request.queryValue("debug_trace")?.lowercased() == "true"
        let sizeLimit = configuration.traceSizeLimit
        let interval = configuration.traceUpdateInterval

        enum Outcome: Sendable {
            case notFound
            case forbidden
            case notProcessing(SimulatedJobState)
            case missingRange
            case sizeExceeded
            case rangeNotSatisfiable(length: Int)
            case appended(length: Int, jobStatus: SimulatedJobState)
        }
        let outcome = mutate { state -> Outcome in
            guard var job = state.jobs[id] else { return .notFound }
            guard presentedToken == job.token else { return .forbidden }
            guard job.processingOnRunner else { return .notProcessing(job.state) }
            guard let (start, end) = parsedRange else { return .missingRange }

            var patch = SimulatedTracePatch(
                contentRange: contentRange,
                start: start,
                end: end,
                length: body.count,
                endMatchesBody: end == start + body.count - 1,
                responseStatus: 0,
                time: Date()
            )
            let result: Outcome
            if let sizeLimit, start + body.count > sizeLimit {
                job.state = .failed
                job.failureReason = "trace_size_exceeded"
                patch.responseStatus = 403
                result = .sizeExceeded
            } else if start != job.trace.count {
                patch.responseStatus = 416
                result = .rangeNotSatisfiable(length: job.trace.count)
            } else if let fault = state.takeFault(endpoint: .trace, job: id, where: { fault in
                if case .rangeMismatch = fault { return true }
                return false
            }), case .rangeMismatch(let truncateBy) = fault {
                job.truncate(by: truncateBy)
                state.requests[sequence].fault = fault
                patch.responseStatus = 416
                result = .rangeNotSatisfiable(length: job.trace.count)
            } else {
                job.append(body)
                job.traceUpdateCount += 1
                if debugTrace && start == 0 { job.debugTrace = true }
                patch.responseStatus = 202
                result = .appended(length: job.trace.count, jobStatus: job.state)
            }
            job.tracePatches.append(patch)
            state.jobs[id] = job
            return result
        }

        switch outcome {
        case .notFound:
            return .gitLabMessage(404, "404 Not found")
        case .forbidden:
            return .gitLabMessage(403, "403 Forbidden")
        case .notProcessing(let jobStatus):
            return .gitLabMessage(
                403,
                "403 Forbidden - Job is not processing on runner",
                headers: ["Job-Status": jobStatus.rawValue]
            )
        case .missingRange:
            return contentRange == nil
                ? .gitLabMessage(400, "400 Missing header Content-Range")
                : .gitLabMessage(400, "400 Bad Request - Content-Range must be <start>-<end>")
        case .sizeExceeded:
            return .gitLabMessage(403, "403 Forbidden")
        case .rangeNotSatisfiable(let length):
            return .gitLabMessage(416, "416 Range Not Satisfiable", headers: ["Range": "0-\(length)"])
        case .appended(let length, let jobStatus):
            return SimulatorHTTPResponse(
                status: 202,
                headers: [
                    "Job-Status": jobStatus.rawValue,
                    "Range": "0-\(length)",
                    "X-GitLab-Trace-Update-Interval": String(interval),
                ]
            )
        }
    }

    /// Parses `<start>-<end>` (ASCII digits only, no unit, no spaces).
    static func parseContentRange(_ value: String) -> (Int, Int)? {
        let parts = value.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2,
            !parts[0].isEmpty, !parts[1].isEmpty,
            parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
            parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
            let start = Int(parts[0]), let end = Int(parts[1])
        else { return nil }
        return (start, end)
    }
}
