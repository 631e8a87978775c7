import Foundation

extension GitLabSimulator {
    /// Failure reasons GitLab stores as given (with those the job's payload advertises); anything else
    /// becomes `unknown_failure`.
    static let knownFailureReasons: Set<String> = [
        "unknown_failure", "script_failure", "api_failure", "stuck_or_timeout_failure",
        "runner_system_failure", "missing_dependency_failure", "runner_unsupported", "stale_schedule",
        "job_execution_timeout", "archived_failure", "unmet_prerequisites", "scheduler_failure",
        "data_integrity_failure", "forward_deployment_failure", "user_blocked", "project_deleted",
        "ci_quota_exceeded", "pipeline_loop_detected", "no_matching_runner", "trace_size_exceeded",
        "builds_disabled", "environment_creation_failure", "deployment_rejected",
        "failed_outdated_deployment_job", "job_execution_server_timeout",
        "stuck_pending_with_matching_runners", "stuck_pending_no_matching_runners",
        "no_updates_running", "no_updates_canceling", "server_timeout_running",
        "server_timeout_canceling", "runner_configuration_error",
        "runner_external_dependency_failure", "runner_interrupted",
    ]

    /// `PUT /api/v4/jobs/:id`.
    ///
    /// 400 without a `token` parameter (GitLab requires it even with a `JOB-TOKEN` header),
    /// 404 for an unknown job, 403 for a wrong token, 403 with `Job-Status` unless the job is
    /// running, canceling, or awaiting its two-phase acknowledgement. Then, with `Job-Status` on
    /// every answer: two-phase `pending` (keep-alive) → 200, `running` (ack) → 200, anything
    /// else before the ack → 400; `running` → 200; `success`/`failed` → 202 while a
    /// ``SimulatedFault/finalUpdateAccepted(times:interval:)`` is armed, else applied → 200
    /// (a canceling job ends `canceled`); `pending` on a bound job → 409; other states → 400.
    func updateJob(_ id: Int64, _ request: SimulatorHTTPRequest, sequence: Int) -> SimulatorHTTPResponse {
        guard let params = RequestParameters(request) else { return .gitLabParameterError("body is not valid JSON") }
        guard let presentedToken = params.string("token") else { return .gitLabParameterError("token is missing") }
        let stateParameter = params.string("state")
        let output = params["output"]
        let checksum = output?["checksum"]?.stringValue ?? params.string("checksum")
        let bytesize = output?["bytesize"]?.intValue.map { Int($0) }
        let failureReason = params.string("failure_reason")
        let exitCode = params.int("exit_code")

        enum Outcome: Sendable {
            case notFound
            case forbidden
            case notProcessing(SimulatedJobState)
            case answered(status: Int, jobStatus: SimulatedJobState, interval: String)
        }
        let outcome = mutate { state -> Outcome in
            guard var job = state.jobs[id] else { return .notFound }
            guard presentedToken == job.token else { return .forbidden }
            guard job.processingOnRunner || job.awaitingAcknowledgement else { return .notProcessing(job.state) }

            var status: Int
            var interval = ""
            if checksum != nil || bytesize != nil {
                job.reportedChecksum = checksum
                job.reportedBytesize = bytesize
                job.checksumMatches = checksum.map { $0 == job.traceCRC.gitLabString }
                job.bytesizeMatches = bytesize.map { $0 == job.trace.count }
            }
            if job.awaitingAcknowledgement {
                switch stateParameter {
                case "pending":
                    status = 200
                case "running":
                    job.acknowledged = true
                    job.state = .running
                    status = 200
                default:
                    status = 400
                }
            } else {
                switch stateParameter {
                case "running":
                    status = 200
                case "success", "failed":
                    let accepted = state.takeFault(endpoint: .update, job: id) { fault in
                        if case .finalUpdateAccepted = fault { return true }
                        return false
                    }
                    if case .finalUpdateAccepted(_, let seconds) = accepted {
                        status = 202
                        interval = String(seconds)
                        job.acceptedFinalUpdates += 1
                        state.requests[sequence].fault = accepted
                    } else {
                        status = 200
                        Self.applyFinal(&job, state: stateParameter ?? "", failureReason: failureReason, exitCode: exitCode)
                    }
                case "pending":
                    status = 409
                default:
                    status = 400
                }
            }
            job.updates.append(
                SimulatedJobUpdate(
                    state: stateParameter,
                    failureReason: failureReason,
                    exitCode: exitCode,
                    checksum: checksum,
                    bytesize: bytesize,
                    responseStatus: status,
                    jobStatus: job.state,
                    time: Date()
                )
            )
            state.jobs[id] = job
            return .answered(status: status, jobStatus: job.state, interval: interval)
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
        case .answered(let status, let jobStatus, let interval):
            return .text(
                status,
                String(status),
                headers: ["Job-Status": jobStatus.rawValue, "X-GitLab-Trace-Update-Interval": interval]
            )
        }
    }

    private static func applyFinal(_ job: inout JobRecord, state: String, failureReason: String?, exitCode: Int?) {
        if job.state == .canceling {
            job.state = .canceled
            return
        }
        if state == "success" {
            job.state = .success
        } else {
            job.state = .failed
            let reason = failureReason ?? "unknown_failure"
            // A GitLab knows the reasons it advertises in the payload's `features.failure_reasons`.
            let advertised = job.deliveredPayload?["features"]?["failure_reasons"]?.arrayValue?.compactMap(\.stringValue) ?? []
            job.failureReason = knownFailureReasons.contains(reason) || advertised.contains(reason) ? reason : "unknown_failure"
            job.exitCode = exitCode
        }
    }
}
