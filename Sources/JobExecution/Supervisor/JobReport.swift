import Foundation
import GitLabRunnerAPI
import Logging

/// Ends a job that cannot run (unreadable payload, canceled before start, executor failure) with a
/// trace that says why and the right final state — never leaving it to GitLab's stuck-job timeout.
public struct JobReport: Sendable {
    let jobID: Int64
    let jobToken: String
    let api: any JobAPI
    let logger: Logger

    public init(jobID: Int64, jobToken: String, api: any JobAPI, logger: Logger) {
        self.jobID = jobID
        self.jobToken = jobToken
        self.api = api
        self.logger = logger
    }

    /// Writes `message` as the job's trace (as an `ERROR:` line) and reports `failed` with `reason`.
    ///
    /// - Parameters:
    ///   - supportedReasons: the payload's `features.failure_reasons`, when the payload was readable.
    ///   - continuingTrace: the job may have run elsewhere (a supervisor that died): append the message on
    ///     a line of its own after whatever trace GitLab already holds, instead of starting the trace.
    /// - Returns: whether GitLab accepted the final state.
    public func failWithoutRunning(message: String, reason: FailureReason, supportedReasons: [String], continuingTrace: Bool = false) async -> Bool {
        let path = NSTemporaryDirectory() + "flywheel-report-\(jobID)-\(UUID().uuidString).log"
        do {
            let trace = try TraceBuffer(path: path, outputLimit: 1024 * 1024, masker: SecretMasker(secrets: [jobToken], tokenPrefixes: SecretMasker.defaultTokenPrefixes))
            defer { trace.remove() }
            if continuingTrace { trace.write("\n") }
            trace.write(TraceMessage.error(message))
            trace.finish()
            let uploader = TraceUploader(
                jobID: jobID, jobToken: jobToken, api: api, trace: trace, control: JobControl(), continuesRemoteTrace: continuingTrace, logger: logger
            )
            return await uploader.finish(state: .failed, failureReason: reason.mapped(supported: supportedReasons), exitCode: nil)
        } catch {
            logger.error("cannot write the failure report of job \(jobID): \(error)")
            return false
        }
    }
}
