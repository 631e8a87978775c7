import GitLabRunnerAPI
import Kubernetes

/// What a job pod's status means for the agent, which answers for the job until the supervisor runs and
/// again if it dies (DESIGN §1).
public enum JobPodState: Sendable, Equatable {
    /// Not running the supervisor yet (scheduling, pulling images, init containers): keep the job alive.
    case starting(String)
    /// The supervisor runs: it owns the trace and the final state.
    case supervised
    /// The supervisor ended; exit 0 means it reported the final state, and `message` (its termination
    /// message) says which (``JobOutcome/Result/terminationMessage``).
    case supervisorEnded(exitCode: Int32, detail: String, message: String?)
    /// The job cannot run or its pod died: the agent ends the job with `reason` and `message`.
    case failed(FailureReason, String)

    /// Classifies `pod` (`nil`: it is gone). `age` is how long ago the agent created it.
    public static func assess(_ pod: Pod?, name: String, age: Duration, pollTimeout: Duration) -> JobPodState {
        guard let pod else {
            return .failed(.runnerSystemFailure, "the job pod \(name) disappeared (deleted, or its node was lost) before its supervisor reported")
        }
        let status = pod.status ?? PodStatus()
        let podDetail = [status.reason, status.message].compactMap { $0 }.joined(separator: ": ")
        if let supervisor = status.containerStatus(named: "supervisor"), let ended = supervisor.state?.terminated {
            var detail = [ended.reason, ended.message].compactMap { $0 }.joined(separator: ": ")
            if let build = status.containerStatus(named: "build")?.state?.terminated, let reason = build.reason, reason != "Completed" {
                detail += (detail.isEmpty ? "" : "; ") + "build container: \(reason) (exit \(build.exitCode))"
            }
            if !podDetail.isEmpty { detail += (detail.isEmpty ? "" : "; ") + "pod: \(podDetail)" }
            return .supervisorEnded(exitCode: ended.exitCode, detail: detail, message: ended.message)
        }
        for container in (status.initContainerStatuses ?? []) + (status.containerStatuses ?? []) {
            if let waiting = container.state?.waiting, let reason = waiting.reason {
                let message = waiting.message.map { ": \($0)" } ?? ""
                switch reason {
                case "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull":
                    let image = container.image.map { " `\($0)`" } ?? ""
                    return .failed(.imagePullFailure, "the image\(image) of container \(container.name) cannot be pulled (\(reason)\(message))")
                case "CreateContainerConfigError", "CreateContainerError", "RunContainerError":
                    return .failed(.runnerSystemFailure, "container \(container.name) cannot be created (\(reason)\(message))")
                default:
                    break
                }
            }
        }
        if let prepare = status.containerStatus(named: "prepare")?.state?.terminated, prepare.exitCode != 0 {
            return .failed(.runnerSystemFailure, "the pod's prepare container failed (exit \(prepare.exitCode)\(prepare.reason.map { ", \($0)" } ?? ""))")
        }
        if status.phase == "Failed" || status.phase == "Succeeded" {
            return .failed(.runnerSystemFailure, "the job pod ended (\(status.phase?.rawValue ?? "?")\(podDetail.isEmpty ? "" : ": " + podDetail)) before its supervisor ran")
        }
        if let supervisor = status.containerStatus(named: "supervisor"), supervisor.state?.running != nil {
            return .supervised
        }
        if let scheduled = status.condition("PodScheduled"), scheduled.status == "False", age > pollTimeout {
            let why = [scheduled.reason, scheduled.message].compactMap { $0 }.joined(separator: ": ")
            return .failed(.runnerSystemFailure, "the job pod was not scheduled within \(pollTimeout.components.seconds) s (\(why))")
        }
        return .starting(status.phase?.rawValue ?? "Pending")
    }
}
