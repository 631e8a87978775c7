import Foundation
import GitLabRunnerAPI
import Kubernetes

/// Builds the Secret and Pod of one job from its payload and the runner's profile (DESIGN §1, §3).
///
/// Pod layout: init container `prepare` (flywheel: shared volume and build loop), the profile's init
/// containers, container `build` (job image, `/bin/sh` runs the build loop), container `supervisor`
/// (flywheel: git sources, trace, cancel, final state), the job's `services:` and the profile's sidecars.
/// No secret value is in the pod spec: the payload and job token are in the Secret, mounted only into the
/// supervisor.
public struct JobPodBuilder: Sendable {
    public var namespace: String
    public var profile: ExecutorProfile
    /// The flywheel image, for `prepare` and `supervisor`.
    public var helperImage: String
    public var settings: PodJobSettings
    /// Seconds added to the job timeout for `activeDeadlineSeconds` (after_script, upload, final report).
    public var deadlineMargin: Int = 600
    /// The agent's own pod (Downward API `POD_NAME`), recorded on each job pod as ``agentPodAnnotation``:
    /// the agent that follows it. `nil` outside Kubernetes.
    public var agentPod: String?

    /// Names the agent pod that follows a job pod; another agent adopts the job pod once that pod is gone.
    public static let agentPodAnnotation = "flywheel.dev/agent-pod"

    public init(namespace: String, profile: ExecutorProfile, helperImage: String, settings: PodJobSettings) {
        self.namespace = namespace
        self.profile = profile
        self.helperImage = helperImage
        self.settings = settings
    }

    /// The deterministic name of a job's pod (and Secret): idempotent creates, adoption after a restart.
    public func podName(jobID: Int64) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in (settings.serverURL + "\n" + settings.runnerName).utf8 {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        let suffix = String(hash, radix: 16)
        return "flywheel-\(jobID)-\(String(repeating: "0", count: 8 - suffix.count))\(suffix)"
    }

    public func labels(jobID: Int64) -> [String: String] {
        [
            JobPodLabels.managedBy: JobPodLabels.managedByValue,
            JobPodLabels.jobID: String(jobID),
            JobPodLabels.runner: JobPodLabels.labelValue(settings.runnerName),
            JobPodLabels.systemID: JobPodLabels.labelValue(settings.systemID),
            JobPodLabels.profile: JobPodLabels.labelValue(profile.name),
        ]
    }

    /// The job's Secret: `job.json` (the payload, with the job token) and `runner.json`.
    public func secret(for job: JobPayload) throws -> Secret {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Secret(
            metadata: ObjectMeta(name: podName(jobID: job.id), namespace: namespace, labels: labels(jobID: job.id)),
            type: "Opaque",
            data: ["job.json": try encoder.encode(job), "runner.json": try encoder.encode(settings)]
        )
    }

    /// The job's Pod.
    public func pod(for job: JobPayload) throws(JobPodError) -> Pod {
        let name = podName(jobID: job.id)
        let buildImage = try resolveBuildImage(job)
        let services = try serviceContainers(job)
        let common = [
            VolumeMount(name: "builds", mountPath: "/builds"),
            VolumeMount(name: "flywheel", mountPath: "/flywheel"),
        ]
        let helperSecurity = SecurityContext(
            runAsUser: 1000, runAsGroup: 1000, runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: Capabilities(drop: ["ALL"])
        )
        let prepare = Container(
            name: "prepare", image: helperImage, command: ["flywheel", "prepare", "--root", "/flywheel"],
            resources: ResourceRequirements(requests: ["cpu": "10m", "memory": "16Mi"], limits: ["memory": "64Mi"]),
            securityContext: helperSecurity, volumeMounts: [VolumeMount(name: "flywheel", mountPath: "/flywheel")]
        )
        var buildEnv = [EnvVar(name: "FLYWHEEL_ROOT", value: "/flywheel")] + (profile.build?.env ?? [])
        if let nix = profile.nix {
            var lines: [String] = []
            if !nix.substituters.isEmpty { lines.append("extra-substituters = " + nix.substituters.joined(separator: " ")) }
            if !nix.trustedPublicKeys.isEmpty { lines.append("extra-trusted-public-keys = " + nix.trustedPublicKeys.joined(separator: " ")) }
            if !lines.isEmpty { buildEnv.append(EnvVar(name: "NIX_CONFIG", value: lines.joined(separator: "\n"))) }
        }
        let build = Container(
            name: "build", image: buildImage, command: ["/bin/sh", "/flywheel/build-loop.sh"], workingDir: "/builds",
            env: buildEnv, resources: profile.build?.resources, securityContext: profile.build?.securityContext,
            volumeMounts: common + (profile.build?.volumeMounts ?? [])
        )
        let supervisor = Container(
            name: "supervisor", image: helperImage,
            command: ["flywheel", "supervise", "--root", "/flywheel", "--job-dir", "/flywheel-job"],
            env: [
                EnvVar(name: "POD_NAME", valueFrom: EnvVarSource(fieldRef: ObjectFieldSelector(fieldPath: "metadata.name"))),
                EnvVar(name: "POD_NAMESPACE", valueFrom: EnvVarSource(fieldRef: ObjectFieldSelector(fieldPath: "metadata.namespace"))),
            ],
            resources: ResourceRequirements(requests: ["cpu": "50m", "memory": "64Mi"], limits: ["memory": "256Mi"]),
            securityContext: helperSecurity,
            volumeMounts: common + [VolumeMount(name: "job", mountPath: "/flywheel-job", readOnly: true)]
        )
        var volumes = [
            Volume(name: "builds", emptyDir: EmptyDirVolumeSource()),
            Volume(name: "flywheel", emptyDir: EmptyDirVolumeSource()),
            Volume(name: "job", secret: SecretVolumeSource(secretName: name, defaultMode: 0o440)),
        ]
        volumes += profile.pod?.volumes ?? []
        let spec = PodSpec(
            initContainers: [prepare] + (profile.initContainers ?? []),
            containers: [build, supervisor] + services + (profile.sidecars ?? []),
            volumes: volumes,
            restartPolicy: "Never",
            terminationGracePeriodSeconds: 30,
            activeDeadlineSeconds: Int64(job.timeoutSeconds + deadlineMargin),
            serviceAccountName: profile.pod?.serviceAccountName,
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            nodeSelector: profile.pod?.nodeSelector,
            tolerations: profile.pod?.tolerations,
            priorityClassName: profile.pod?.priorityClassName,
            runtimeClassName: profile.pod?.runtimeClassName,
            securityContext: profile.pod?.securityContext,
            imagePullSecrets: profile.pod?.imagePullSecrets
        )
        var annotations = [
            "flywheel.dev/project": job.jobInfo.projectFullPath,
            "flywheel.dev/job-name": job.jobInfo.name,
            "flywheel.dev/pipeline-id": String(job.jobInfo.pipelineID),
            "flywheel.dev/timeout": String(job.timeoutSeconds),
        ]
        if !job.gitInfo.sha.isEmpty { annotations["flywheel.dev/sha"] = job.gitInfo.sha }
        if !job.gitInfo.ref.isEmpty { annotations["flywheel.dev/ref"] = job.gitInfo.ref }
        if let agentPod { annotations[Self.agentPodAnnotation] = agentPod }
        return Pod(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: labels(jobID: job.id), annotations: annotations),
            spec: spec
        )
    }

    /// The build image: the job's when the profile allows it (and it matches), else the profile's default.
    func resolveBuildImage(_ job: JobPayload) throws(JobPodError) -> String {
        guard let requested = job.image?.name, !requested.isEmpty else { return profile.image.default }
        guard profile.image.allowJobImage else {
            if requested == profile.image.default { return requested }
            throw JobPodError("this runner's profile `\(profile.name)` runs every job in \(profile.image.default); the job asks for image `\(requested)`. Remove `image:` from the job or use a runner with the docker profile.")
        }
        guard profile.image.allowedImages.isEmpty || profile.image.allowedImages.contains(where: { Self.glob($0, matches: requested) }) else {
            throw JobPodError("image `\(requested)` is not allowed by profile `\(profile.name)` (allowed: \(profile.image.allowedImages.joined(separator: ", ")))")
        }
        return requested
    }

    func serviceContainers(_ job: JobPayload) throws(JobPodError) -> [Container] {
        let allowed = profile.services?.allowed ?? []
        var containers: [Container] = []
        var used = Set(["prepare", "build", "supervisor"]).union((profile.sidecars ?? []).map(\.name))
        for (index, service) in job.services.enumerated() {
            guard allowed.contains(where: { Self.glob($0, matches: service.name) }) else {
                throw JobPodError("service `\(service.name)` is not allowed by profile `\(profile.name)`" + (allowed.isEmpty ? " (it allows no services)" : " (allowed: \(allowed.joined(separator: ", ")))"))
            }
            let alias = service.alias.split(whereSeparator: { $0 == "," || $0 == " " }).first.map(String.init) ?? ""
            var name = JobPodLabels.labelValue(alias.lowercased()).replacingOccurrences(of: ".", with: "-").replacingOccurrences(of: "_", with: "-")
            if name.isEmpty || used.contains(name) { name = "svc-\(index)" }
            used.insert(name)
            let env = service.variables.filter(\.isPublic).map { EnvVar(name: $0.key, value: $0.value) }
            containers.append(Container(
                name: name, image: service.name,
                command: service.entrypoint.isEmpty ? nil : service.entrypoint,
                args: service.command.isEmpty ? nil : service.command,
                env: env.isEmpty ? nil : env
            ))
        }
        return containers
    }

    /// Shell-style glob with `*` only.
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return pattern == text }
        var rest = Substring(text)
        guard rest.hasPrefix(parts[0]) else { return false }
        rest = rest.dropFirst(parts[0].count)
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.hasSuffix(parts.last!)
    }
}
