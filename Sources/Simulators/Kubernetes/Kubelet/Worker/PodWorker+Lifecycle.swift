import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

extension PodWorker {
    /// The main flow; ends when every container has ended or will never start.
    func lifecycle() async {
        await runSteps()
        update { $0.lifecycleDone = true }
        publish()
    }

    private func runSteps() async {
        // 1. Scheduling.
        guard await sleep(configuration.schedulingDelay) else { return }
        while !kubelet.isSchedulingEnabled || faults.unschedulable {
            let generation = kubelet.schedulingChanges.generation
            if state.withLock({ $0.unschedulableMessage == nil }) {
                update { $0.unschedulableMessage = "0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling." }
                publish()
                event("FailedScheduling", "0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
                      warning: true, component: "default-scheduler")
            }
            // Wake on a scheduling change or on the pod's own stop.
            let wakeGeneration = wake.generation
            await withTaskGroup(of: Void.self) { group in
                group.addTask { _ = await self.kubelet.schedulingChanges.wait(after: generation, until: .now + Self.farFuture) }
                group.addTask { _ = await self.wake.wait(after: wakeGeneration, until: .now + Self.farFuture) }
                await group.next()
                group.cancelAll()
            }
            if stopping { return }
        }
        update { state in
            state.scheduled = true
            state.unschedulableMessage = nil
            state.startTime = .now()
        }
        publish(nodeName: configuration.nodeName)
        event("Scheduled", "Successfully assigned \(namespace)/\(name) to \(configuration.nodeName)", component: "default-scheduler")

        // 2. Volumes.
        var lastFailure: String?
        while true {
            if stopping { return }
            let endpoint = kubelet.endpoint.withLock { $0 }
            let snapshot = cluster.read { $0 }
            do {
                let prepared = try PodVolumes.prepare(pod: pod, directory: directory, store: snapshot,
                                                      serviceAccountToken: endpoint.serviceAccountToken, nodeName: configuration.nodeName)
                volumes.withLock { $0 = prepared }
                break
            } catch {
                if error.message != lastFailure {
                    lastFailure = error.message
                    event("FailedMount", error.message, warning: true)
                }
                guard await sleep(configuration.configRetryInterval) else { return }
            }
        }

        // 3. Sandbox.
        if pod.value(at: ["spec", "shareProcessNamespace"])?.boolValue == true, let bubblewrap = kubelet.bubblewrapExecutable {
            while true {
                if stopping { return }
                do {
                    let sandbox = try await PodPauseSandbox.start(bubblewrap: bubblewrap, hostname: ContainerEnvironment.hostname(of: pod))
                    pause.withLock { $0 = sandbox }
                    break
                } catch {
                    event("FailedCreatePodSandBox", "Failed to create pod sandbox: \(error.message)", warning: true)
                    guard await sleep(configuration.configRetryInterval) else { return }
                }
            }
        }
        update { $0.sandboxReady = true }
        publish()

        // 4. Init containers in order (native sidecars keep running), then all containers.
        let initCount = state.withLock { $0.initContainers.count }
        let containerCount = state.withLock { $0.containers.count }
        await withTaskGroup(of: Void.self) { sidecars in
            var initialized = true
            for index in 0..<initCount {
                if stopping {
                    initialized = false
                    break
                }
                if state.withLock({ $0.initContainers[index].spec.isSidecar }) {
                    sidecars.addTask { _ = await self.runContainer(isInit: true, index: index) }
                    await waitUntil { $0.initContainers[index].isRunning || $0.initContainers[index].isTerminated }
                    continue
                }
                guard await runContainer(isInit: true, index: index) == 0 else {
                    initialized = false
                    break
                }
            }
            if initialized, !stopping {
                await withTaskGroup(of: Void.self) { group in
                    for index in 0..<containerCount {
                        group.addTask { _ = await self.runContainer(isInit: false, index: index) }
                    }
                }
            }
            await stopSidecars()
        }
    }

    /// Sends SIGTERM to running native sidecars and SIGKILL after the grace period.
    private func stopSidecars() async {
        let running = state.withLock { state in
            state.initContainers.filter { $0.spec.isSidecar && $0.isRunning }.compactMap { container in
                container.mainPID.map { (pid: $0, process: container.process, spec: container.spec) }
            }
        }
        guard !running.isEmpty else { return }
        for sidecar in running.reversed() {
            event("Killing", "Stopping container \(sidecar.spec.name)", container: sidecar.spec)
            kill(sidecar.pid, SIGTERM)
        }
        let grace = pod.int(at: ["spec", "terminationGracePeriodSeconds"]) ?? 30
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for sidecar in running { _ = await sidecar.process?.exit.wait() }
            }
            group.addTask { try? await Task.sleep(for: .seconds(grace)) }
            await group.next()
            group.cancelAll()
        }
        for sidecar in running where sidecar.process?.exit.current == nil {
            kill(sidecar.pid, SIGKILL)
            kill(-sidecar.pid, SIGKILL)
        }
    }

    private func setPhase(_ isInit: Bool, _ index: Int, _ phase: ContainerRuntimeState.Phase) {
        update { $0[isInit, index].phase = phase }
    }

    /// Pulls, configures, starts and waits for one container. Returns its exit code, or `nil`
    /// when it never ran.
    func runContainer(isInit: Bool, index: Int) async -> Int32? {
        let spec = state.withLock { $0[isInit, index].spec }
        let image = kubelet.image(for: spec.image)

        // Image.
        if faults.pullFails(for: spec.name) || kubelet.pullFailure(for: spec.image) != nil {
            let reason = faults.pullFails(for: spec.name) ? "ErrImagePull" : kubelet.pullFailure(for: spec.image) ?? "ErrImagePull"
            await failPull(spec, reason: reason, isInit: isInit, index: index)
            return nil
        }
        event("Pulled", "Container image \"\(spec.image)\" already present on machine", container: spec)

        // Environment (Secrets and ConfigMaps must exist; the kubelet retries until they do).
        var environment: [String: String] = [:]
        var lastError: String?
        let endpoint = kubelet.endpoint.withLock { $0 }
        while true {
            if stopping { return nil }
            let snapshot = cluster.read { $0 }
            do {
                environment = try ContainerEnvironment.resolve(spec, pod: pod, image: image, service: (endpoint.host, endpoint.port),
                                                               nodeName: configuration.nodeName, store: snapshot)
                break
            } catch {
                if error.message != lastError {
                    lastError = error.message
                    setPhase(isInit, index, .waiting(reason: "CreateContainerConfigError", message: error.message))
                    publish()
                    event("Failed", "Error: \(error.message)", warning: true, container: spec)
                }
                guard await sleep(configuration.configRetryInterval) else { return nil }
            }
        }

        if image?.standIn == true { return await runStandIn(spec, isInit: isInit, index: index) }

        // Command: `command` replaces the image ENTRYPOINT, `args` its CMD.
        var argv: [String]
        if let command = spec.command, !command.isEmpty {
            argv = command + (spec.args ?? [])
        } else {
            argv = (image?.entrypoint ?? []) + (spec.args ?? image?.cmd ?? [])
        }
        argv = argv.map { EnvironmentExpansion.expand($0, environment) }
        guard !argv.isEmpty else {
            let message = "failed to generate container \"\(FakeDigest.random())\" spec: failed to generate spec: no command specified"
            setPhase(isInit, index, .waiting(reason: "CreateContainerError", message: message))
            publish()
            event("Failed", "Error: \(message)", warning: true, container: spec)
            await waitUntil { _ in false }
            return nil
        }

        let workingDirectory = spec.workingDir ?? image?.workingDir ?? "/"
        let sandboxed = kubelet.bubblewrapExecutable != nil
        var containerBinds = binds(for: spec)
        // The termination message file: a host file bound at terminationMessagePath (sandboxed only).
        let terminationLog = sandboxed && !spec.terminationMessagePath.isEmpty
            ? directory + "/termination-\(isInit ? "init-" : "")\(spec.name)" : nil
        if let terminationLog, (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)) != nil,
           FileManager.default.createFile(atPath: terminationLog, contents: nil) {
            chmod(terminationLog, 0o666)
            containerBinds.append(SandboxBind(source: terminationLog, target: spec.terminationMessagePath, readOnly: false))
        }
        let request = LaunchRequest(argv: argv, environment: environment, workingDirectory: workingDirectory,
                                    hostname: ContainerEnvironment.hostname(of: pod), binds: containerBinds,
                                    pidNamespaceDescriptor: pause.withLock { $0?.pidNamespaceDescriptor })
        let containerID = "containerd://" + FakeDigest.random()
        if kubelet.sandboxUnavailable {
            return startError(spec, isInit: isInit, index: index, containerID: containerID,
                              message: "failed to create containerd task: bwrap is required by the simulator but unusable on this host")
        }
        if !sandboxed, !spec.mounts.isEmpty { warnAboutUnmountedVolumes() }
        if let problem = ContainerLauncher.startProblem(argv[0], request: request, sandboxed: sandboxed) {
            return startError(spec, isInit: isInit, index: index, containerID: containerID, message: problem)
        }
        guard await sleep(configuration.containerStartDelay) else { return nil }

        // Start.
        let log = logs[spec.name] ?? ContainerLog(retentionBytes: configuration.logRetentionBytes)
        let launched: LaunchedContainer
        do {
            if let bubblewrap = kubelet.bubblewrapExecutable {
                launched = try await ContainerLauncher.launchSandboxed(request, bubblewrap: bubblewrap, log: log)
            } else {
                launched = try ContainerLauncher.launchPlain(request, log: log)
            }
        } catch {
            return startError(spec, isInit: isInit, index: index, containerID: containerID,
                              message: "failed to create containerd task: \(error.message)")
        }
        let startedAt = KubeTime.now()
        update { state in
            state[isInit, index].containerID = containerID
            state[isInit, index].imageID = ImageReference.imageID(for: spec.image)
            state[isInit, index].process = launched.process
            state[isInit, index].mainPID = launched.mainPID
            state[isInit, index].phase = .running(startedAt: startedAt)
        }
        publish()
        event("Created", "Created container: \(spec.name)", container: spec)
        event("Started", "Started container \(spec.name)", container: spec)

        // Wait for the end: the process, then whatever else held its output (bounded).
        let exit = await launched.process.exit.waitIgnoringCancellation()
        kill(-launched.mainPID, SIGKILL)
        if !log.captureEnded {
            let deadline = ContinuousClock.now + .seconds(2)
            while !log.captureEnded, ContinuousClock.now < deadline {
                let generation = log.changes.generation
                if log.captureEnded { break }
                _ = await log.changes.wait(after: generation, until: deadline)
            }
        }
        let finishedAt = KubeTime.now()
        let message = terminationMessage(file: terminationLog, spec: spec, exitCode: exit.exitCode, log: log)
        update { state in
            let oomKilled = state[isInit, index].oomKilled
            let reason = oomKilled ? "OOMKilled" : exit.exitCode == 0 ? "Completed" : "Error"
            state[isInit, index].process = nil
            state[isInit, index].phase = .terminated(exitCode: exit.exitCode, reason: reason, message: message,
                                                      startedAt: startedAt, finishedAt: finishedAt)
        }
        publish()
        return exit.exitCode
    }

    /// The container's termination message as the kubelet reports it: the file's first 4096 bytes; when
    /// it is empty, `FallbackToLogsOnError` and a failed container, the log's last 2048 bytes (80 lines).
    private func terminationMessage(file: String?, spec: ContainerSpec, exitCode: Int32, log: ContainerLog) -> String? {
        if let file, let handle = FileHandle(forReadingAtPath: file) {
            let bytes = (try? handle.read(upToCount: 4096)) ?? nil
            try? handle.close()
            if let bytes, !bytes.isEmpty { return String(decoding: bytes, as: UTF8.self) }
        }
        guard spec.fallsBackToLogs, exitCode != 0 else { return nil }
        let text = log.allEntries.flatMap(\.bytes)
        let lines = text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let tail = lines.suffix(81).joined(separator: [UInt8(ascii: "\n")])
        let message = String(decoding: tail.suffix(2048), as: UTF8.self)
        return message.isEmpty ? nil : message
    }

    /// A container of a stand-in image: running without a process until the pod stops (an init container
    /// completes at once), then exit code 0.
    private func runStandIn(_ spec: ContainerSpec, isInit: Bool, index: Int) async -> Int32 {
        let startedAt = KubeTime.now()
        update { state in
            state[isInit, index].containerID = "containerd://" + FakeDigest.random()
            state[isInit, index].imageID = ImageReference.imageID(for: spec.image)
            state[isInit, index].phase = .running(startedAt: startedAt)
        }
        publish()
        if !isInit || spec.isSidecar { await waitUntil { _ in false } }
        update { state in
            state[isInit, index].phase = .terminated(exitCode: 0, reason: "Completed", message: nil, startedAt: startedAt, finishedAt: .now())
        }
        publish()
        return 0
    }

    private func failPull(_ spec: ContainerSpec, reason: String, isInit: Bool, index: Int) async {
        let message: String
        switch reason {
        case "InvalidImageName":
            message = "Failed to apply default image tag \"\(spec.image)\": couldn't parse image name \"\(spec.image)\": invalid reference format"
        case "ErrImageNeverPull":
            message = "Container image \"\(spec.image)\" is not present with pull policy of Never"
        default:
            message = "failed to pull and unpack image \"\(spec.image)\": failed to resolve reference \"\(spec.image)\": \(spec.image): not found"
        }
        if reason == "ErrImagePull" {
            event("Pulling", "Pulling image \"\(spec.image)\"", container: spec)
        }
        setPhase(isInit, index, .waiting(reason: reason, message: message))
        publish()
        event("Failed", reason == "ErrImagePull" ? "Failed to pull image \"\(spec.image)\": \(message)" : message, warning: true, container: spec)
        event("Failed", "Error: \(reason)", warning: true, container: spec)
        if reason == "ErrImagePull", await sleep(configuration.imagePullBackOffDelay) {
            setPhase(isInit, index, .waiting(reason: "ImagePullBackOff", message: "Back-off pulling image \"\(spec.image)\""))
            publish()
            event("BackOff", "Back-off pulling image \"\(spec.image)\"", container: spec)
            event("Failed", "Error: ImagePullBackOff", warning: true, container: spec)
        }
        await waitUntil { _ in false }
    }

    private func startError(_ spec: ContainerSpec, isInit: Bool, index: Int, containerID: String, message: String) -> Int32 {
        let now = KubeTime.now()
        update { state in
            state[isInit, index].containerID = containerID
            state[isInit, index].imageID = ImageReference.imageID(for: spec.image)
            state[isInit, index].phase = .terminated(exitCode: 128, reason: "StartError", message: message, startedAt: now, finishedAt: now)
        }
        publish()
        event("Created", "Created container: \(spec.name)", container: spec)
        event("Failed", "Error: \(message)", warning: true, container: spec)
        return 128
    }

    /// The container's volume binds (mount paths resolved through host symlinks).
    private func binds(for spec: ContainerSpec) -> [SandboxBind] {
        let prepared = volumes.withLock { $0 }
        return spec.mounts.compactMap { mount in
            guard let volume = prepared[mount.name] else { return nil }
            var source = volume.hostPath
            if let subPath = mount.subPath {
                source += "/" + subPath
                if volume.createsSubPaths, !FileManager.default.fileExists(atPath: source) {
                    try? FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
                    chmod(source, 0o777)
                }
            }
            return SandboxBind(source: source, target: RootFilesystemPlan.resolvingHostLinks(mount.mountPath),
                               readOnly: mount.readOnly || volume.alwaysReadOnly)
        }
    }
}
