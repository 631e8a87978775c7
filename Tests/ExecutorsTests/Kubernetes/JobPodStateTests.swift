import Executors
import GitLabRunnerAPI
import Kubernetes
import Testing

@Suite struct JobPodStateTests {
    func pod(phase: PodPhase = "Pending", containers: [ContainerStatus] = [], initContainers: [ContainerStatus] = [], conditions: [PodCondition] = [], reason: String? = nil, message: String? = nil) -> Pod {
        Pod(metadata: ObjectMeta(name: "p"), status: PodStatus(
            phase: phase, conditions: conditions, reason: reason, message: message,
            initContainerStatuses: initContainers, containerStatuses: containers
        ))
    }

    func assess(_ pod: Pod?, age: Duration = .seconds(1)) -> JobPodState {
        JobPodState.assess(pod, name: "p", age: age, pollTimeout: .seconds(180))
    }

    @Test func pendingPodIsStarting() {
        #expect(assess(pod()) == .starting("Pending"))
    }

    @Test func runningSupervisorOwnsTheJob() {
        let running = ContainerStatus(name: "supervisor", state: ContainerState(running: ContainerStateRunning()))
        #expect(assess(pod(phase: "Running", containers: [running])) == .supervised)
    }

    @Test func imagePullBackOffIsAnImagePullFailure() {
        let build = ContainerStatus(name: "build", state: ContainerState(waiting: ContainerStateWaiting(reason: "ImagePullBackOff", message: "Back-off pulling image \"bad/x\"")), image: "bad/x")
        guard case .failed(let reason, let message) = assess(pod(containers: [build])) else {
            Issue.record("expected a failure")
            return
        }
        #expect(reason == .imagePullFailure)
        #expect(message.contains("bad/x"))
    }

    @Test func containerConfigErrorIsASystemFailure() {
        let build = ContainerStatus(name: "supervisor", state: ContainerState(waiting: ContainerStateWaiting(reason: "CreateContainerConfigError", message: "secret \"x\" not found")))
        guard case .failed(.runnerSystemFailure, let message) = assess(pod(containers: [build])) else {
            Issue.record("expected a system failure")
            return
        }
        #expect(message.contains("secret \"x\" not found"))
    }

    @Test func unschedulablePastThePollTimeoutFails() {
        let unschedulable = PodCondition(type: "PodScheduled", status: "False", reason: "Unschedulable", message: "0/3 nodes are available")
        #expect(assess(pod(conditions: [unschedulable]), age: .seconds(10)) == .starting("Pending"))
        guard case .failed(.runnerSystemFailure, let message) = assess(pod(conditions: [unschedulable]), age: .seconds(181)) else {
            Issue.record("expected a system failure")
            return
        }
        #expect(message.contains("0/3 nodes are available"))
    }

    @Test func vanishedPodFails() {
        guard case .failed(.runnerSystemFailure, let message) = assess(nil) else {
            Issue.record("expected a system failure")
            return
        }
        #expect(message.contains("disappeared"))
    }

    @Test func supervisorEndReportsBuildOOMAndEviction() {
        let supervisor = ContainerStatus(name: "supervisor", state: ContainerState(terminated: ContainerStateTerminated(exitCode: 137, reason: "Error")))
        let build = ContainerStatus(name: "build", state: ContainerState(terminated: ContainerStateTerminated(exitCode: 137, reason: "OOMKilled")))
        let state = assess(pod(phase: "Failed", containers: [build, supervisor], reason: "Evicted", message: "The node was low on resource: memory."))
        guard case .supervisorEnded(137, let detail, _) = state else {
            Issue.record("expected the supervisor's end, got \(state)")
            return
        }
        #expect(detail.contains("OOMKilled"))
        #expect(detail.contains("Evicted"))
    }

    @Test func podFailedBeforeTheSupervisorRan() {
        guard case .failed(.runnerSystemFailure, let message) = assess(pod(phase: "Failed", reason: "DeadlineExceeded", message: "Pod was active on the node longer than the specified deadline")) else {
            Issue.record("expected a system failure")
            return
        }
        #expect(message.contains("DeadlineExceeded"))
    }

    @Test func failedPrepareFails() {
        let prepare = ContainerStatus(name: "prepare", state: ContainerState(terminated: ContainerStateTerminated(exitCode: 1, reason: "Error")))
        guard case .failed(.runnerSystemFailure, let message) = assess(pod(initContainers: [prepare])) else {
            Issue.record("expected a system failure")
            return
        }
        #expect(message.contains("prepare"))
    }
}
