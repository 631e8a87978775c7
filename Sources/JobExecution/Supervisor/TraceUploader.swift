import GitLabRunnerAPI
import Logging

/// Streams a job's trace to GitLab (notes §7): incremental `PATCH`es from the last offset the server
/// confirmed, resynchronised by 416, at the interval GitLab asks for; keep-alive `PUT`s after 30 s of
/// silence; and the final update with checksum and size.
///
/// Every `Job-Status` answer is forwarded to the ``JobControl``.
public actor TraceUploader {
    /// Timings of the upload loop.
    public struct Timing: Sendable {
        /// Interval until GitLab sends `X-GitLab-Trace-Update-Interval`.
        public var initialInterval: Duration = .seconds(3)
        /// Upper bound of any interval GitLab asks for.
        public var maximumInterval: Duration = .seconds(15 * 60)
        /// A keep-alive `PUT state=running` is sent when nothing was sent for this long.
        public var forceSendInterval: Duration = .seconds(30)
        /// Largest body of one PATCH.
        public var maximumPatchSize = 1024 * 1024
        /// Attempts of the final update after errors (202 answers do not count).
        public var finalUpdateAttempts = 10
        /// First backoff between final-update attempts, doubled up to `maximumInterval`... capped at 60 s.
        public var finalUpdateBackoff: Duration = .seconds(1)

        public init() {}
    }

    let jobID: Int64
    let jobToken: String
    let api: any JobAPI
    let trace: TraceBuffer
    let control: JobControl
    let timing: Timing
    let logger: Logger
    let clock = ContinuousClock()

    /// Bytes of `trace` the server holds, as far as we know.
    private(set) var sentOffset: Int64 = 0
    /// Whether `trace` continues a trace someone else (a supervisor that died) left in GitLab.
    let continuesRemoteTrace: Bool
    /// Where `trace` starts in GitLab's trace: 0, or the length found there when continuing one.
    private(set) var remoteBase: Int64 = 0
    private var interval: Duration
    private var lastContact: ContinuousClock.Instant
    /// Set when GitLab no longer accepts anything for this job (403/404/abort).
    private(set) var serverClosed = false

    /// - Parameter continuesRemoteTrace: `trace` is appended to whatever GitLab already holds for the job
    ///   (found by the 416 answer to the first patch) instead of being the whole trace. The final update
    ///   then carries no checksum when GitLab held bytes this uploader never saw.
    public init(
        jobID: Int64, jobToken: String, api: any JobAPI, trace: TraceBuffer, control: JobControl, timing: Timing = Timing(),
        continuesRemoteTrace: Bool = false, logger: Logger
    ) {
        self.continuesRemoteTrace = continuesRemoteTrace
        self.jobID = jobID
        self.jobToken = jobToken
        self.api = api
        self.trace = trace
        self.control = control
        self.timing = timing
        self.logger = logger
        self.interval = timing.initialInterval
        self.lastContact = ContinuousClock.now
    }

    /// Sends new output every interval and keep-alives during silence, until the calling task is cancelled.
    public func runPeriodicUpdates() async {
        while !Task.isCancelled, !serverClosed {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            if trace.size > sentOffset {
                await sendNextPatch()
            } else if clock.now - lastContact >= timing.forceSendInterval {
                await sendKeepAlive()
            }
        }
    }

    /// Sends everything the trace holds that the server has not confirmed yet.
    ///
    /// - Returns: `false` when it could not (server closed the job or kept failing).
    @discardableResult
    public func flush() async -> Bool {
        var failures = 0
        while !serverClosed, trace.size > sentOffset {
            let before = sentOffset
            let progressed = await sendNextPatch()
            if !progressed, sentOffset == before {
                failures += 1
                if failures >= timing.finalUpdateAttempts { return false }
                try? await Task.sleep(for: backoff(failures))
            } else {
                failures = 0
            }
        }
        return !serverClosed
    }

    /// Flushes the trace, then sends the final state until GitLab applies it (202 → wait and repeat;
    /// 412 → resend the whole trace and repeat).
    ///
    /// - Returns: whether GitLab accepted the final state.
    public func finish(state: JobState, failureReason: String?, exitCode: Int32?) async -> Bool {
        var errors = 0
        var pendingAnswers = 0
        while !serverClosed {
            await flush()
            if serverClosed { return false }
            // The checksum covers the whole trace; it is unknown when another writer's bytes precede ours.
            let update = JobUpdate(state: state, failureReason: failureReason, exitCode: exitCode, output: remoteBase == 0 ? trace.output : nil)
            do {
                let response = try await api.updateJob(id: jobID, jobToken: jobToken, update: update)
                lastContact = clock.now
                switch response {
                case .accepted:
                    return true
                case .acceptedPending(let retryAfter, _):
                    pendingAnswers += 1
                    // Rails applies the state by itself after 5 minutes; never loop forever.
                    if pendingAnswers > 600 { return false }
                    try? await Task.sleep(for: min(.seconds(retryAfter), timing.maximumInterval))
                    continue
                case .traceValidationFailed:
                    logger.warning("GitLab rejected the trace checksum; sending the whole trace again", metadata: ["job": "\(jobID)"])
                    sentOffset = 0
                    errors += 1
                case .aborted, .notFound, .conflict:
                    serverClosed = true
                    return false
                case .rejected(let status):
                    logger.warning("final update answered HTTP \(status)", metadata: ["job": "\(jobID)"])
                    errors += 1
                }
            } catch {
                logger.warning("final update failed: \(error)", metadata: ["job": "\(jobID)"])
                errors += 1
            }
            if errors >= timing.finalUpdateAttempts { return false }
            try? await Task.sleep(for: backoff(errors))
        }
        return false
    }

    /// Sends one PATCH from `sentOffset`. Returns whether the server took bytes.
    @discardableResult
    private func sendNextPatch() async -> Bool {
        let offset = sentOffset
        let bytes: [UInt8]
        do {
            bytes = try trace.read(from: offset, maxLength: timing.maximumPatchSize)
        } catch {
            logger.error("cannot read the trace buffer: \(error)", metadata: ["job": "\(jobID)"])
            return false
        }
        guard !bytes.isEmpty else { return false }
        do {
            let response = try await api.patchTrace(id: jobID, jobToken: jobToken, offset: remoteBase + offset, bytes: bytes)
            lastContact = clock.now
            switch response {
            case .appended(_, let status, let updateInterval):
                sentOffset = offset + Int64(bytes.count)
                if let updateInterval, updateInterval > 0 {
                    interval = min(.seconds(updateInterval), timing.maximumInterval)
                }
                observe(status)
                return true
            case .rangeMismatch(let serverLength, let status) where continuesRemoteTrace && remoteBase == 0 && offset == 0:
                // GitLab holds what the earlier writer sent: append after it.
                remoteBase = serverLength
                observe(status)
                return serverLength > 0
            case .rangeMismatch(let serverLength, let status):
                let serverLength = serverLength - remoteBase
                logger.notice("trace offset resynchronised: we had \(offset), GitLab holds \(serverLength)", metadata: ["job": "\(jobID)"])
                sentOffset = min(serverLength, trace.size)
                observe(status)
                return sentOffset != offset
            case .aborted(let status):
                observe(status)
                closeByServer()
                return false
            case .notFound:
                closeByServer()
                return false
            case .rejected(let status):
                logger.warning("trace update answered HTTP \(status); keeping the data for the next attempt", metadata: ["job": "\(jobID)"])
                return false
            }
        } catch is CancellationError {
            return false
        } catch {
            logger.warning("trace update failed: \(error); keeping the data for the next attempt", metadata: ["job": "\(jobID)"])
            return false
        }
    }

    private func sendKeepAlive() async {
        do {
            let response = try await api.updateJob(id: jobID, jobToken: jobToken, update: JobUpdate(state: .running, output: remoteBase == 0 ? trace.output : nil))
            lastContact = clock.now
            switch response {
            case .accepted(let status), .acceptedPending(_, let status):
                observe(status)
            case .aborted(let status):
                observe(status)
                closeByServer()
            case .notFound, .conflict:
                closeByServer()
            case .traceValidationFailed, .rejected:
                break
            }
        } catch {
            logger.warning("keep-alive failed: \(error)", metadata: ["job": "\(jobID)"])
        }
    }

    private func observe(_ status: RemoteJobStatus?) {
        switch status {
        case .canceling: control.request(.cancel)
        case .canceled, .failed: closeByServer()
        default: break
        }
    }

    private func closeByServer() {
        serverClosed = true
        control.request(.abort)
    }

    private func backoff(_ failures: Int) -> Duration {
        var delay = timing.finalUpdateBackoff
        for _ in 1..<max(1, failures) { delay = min(delay * 2, .seconds(60)) }
        return delay
    }
}
