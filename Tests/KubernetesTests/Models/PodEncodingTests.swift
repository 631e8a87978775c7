import Foundation
import Kubernetes
import Testing

@Suite struct PodEncodingTests {
    static func jobPod() -> Pod {
        Pod(
            metadata: ObjectMeta(
                name: "ci-job-4711-a1b2", namespace: "ci",
                labels: ["app.kubernetes.io/managed-by": "flywheel", "flywheel.dev/job-id": "4711"],
                annotations: ["flywheel.dev/owner-pod": "agent-7d9-xyz"]
            ),
            spec: PodSpec(
                initContainers: [Container(name: "prepare", image: "flywheel:1", command: ["flywheel", "prepare"], restartPolicy: nil)],
                containers: [
                    Container(
                        name: "build", image: "alpine:3", command: ["/bin/sh", "/ci/script.sh"], args: ["-e"],
                        workingDir: "/builds",
                        env: [
                            EnvVar(name: "CI", value: "true"),
                            EnvVar(name: "TOKEN", valueFrom: EnvVarSource(secretKeyRef: SecretKeySelector(name: "ci-job", key: "token"))),
                            EnvVar(name: "POD_NAME", valueFrom: EnvVarSource(fieldRef: ObjectFieldSelector(fieldPath: "metadata.name"))),
                        ],
                        envFrom: [EnvFromSource(secretRef: SecretEnvSource(name: "ci-job-env"))],
                        resources: ResourceRequirements(requests: ["cpu": "500m", "memory": "1Gi"], limits: ["memory": "2Gi"]),
                        securityContext: SecurityContext(
                            runAsUser: 1000, runAsGroup: 1000, runAsNonRoot: true, privileged: false, allowPrivilegeEscalation: false,
                            capabilities: Capabilities(drop: ["ALL"]), readOnlyRootFilesystem: true, seccompProfile: SeccompProfile(type: "RuntimeDefault")
                        ),
                        volumeMounts: [VolumeMount(name: "ci", mountPath: "/ci", readOnly: true), VolumeMount(name: "builds", mountPath: "/builds")],
                        imagePullPolicy: "IfNotPresent"
                    )
                ],
                volumes: [
                    Volume(name: "ci", secret: SecretVolumeSource(secretName: "ci-job", defaultMode: 0o755)),
                    Volume(name: "builds", emptyDir: EmptyDirVolumeSource()),
                    Volume(name: "cache", hostPath: HostPathVolumeSource(path: "/var/cache/ci", type: "DirectoryOrCreate")),
                    Volume(name: "pvc", persistentVolumeClaim: PersistentVolumeClaimVolumeSource(claimName: "cache")),
                    Volume(name: "cm", configMap: ConfigMapVolumeSource(name: "cfg", items: [KeyToPath(key: "a", path: "a.txt", mode: 0o644)])),
                    Volume(
                        name: "info",
                        projected: ProjectedVolumeSource(sources: [
                            VolumeProjection(downwardAPI: DownwardAPIProjection(items: [DownwardAPIVolumeFile(path: "labels", fieldRef: ObjectFieldSelector(fieldPath: "metadata.labels"))]))
                        ])
                    ),
                ],
                restartPolicy: "Never", terminationGracePeriodSeconds: 30, activeDeadlineSeconds: 3900, serviceAccountName: "ci",
                automountServiceAccountToken: false, enableServiceLinks: false, nodeSelector: ["kubernetes.io/os": "linux"],
                tolerations: [Toleration(key: "ci", operator: "Equal", value: "true", effect: "NoSchedule")],
                securityContext: PodSecurityContext(runAsUser: 1000, runAsNonRoot: true, fsGroup: 1000, seccompProfile: SeccompProfile(type: "RuntimeDefault")),
                shareProcessNamespace: true, imagePullSecrets: [LocalObjectReference(name: "registry")],
                hostAliases: [HostAlias(ip: "10.0.0.1", hostnames: ["gitlab.local"])]
            )
        )
    }

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func encodingLeavesOutNilFields() throws {
        let json = try Self.encode(Self.jobPod())
        #expect(!json.contains("null"))
        #expect(!json.contains("\"status\""))
        #expect(json.contains(#""apiVersion":"v1""#))
        #expect(json.contains(#""kind":"Pod""#))
        #expect(json.contains(#""defaultMode":493"#))
        #expect(json.contains(#""mode":420"#))
        #expect(json.contains(#""secretKeyRef":{"key":"token","name":"ci-job"}"#))
        #expect(json.contains(#""emptyDir":{}"#))
        #expect(json.contains(#""capabilities":{"drop":["ALL"]}"#))
        #expect(json.contains(#""requests":{"cpu":"500m","memory":"1Gi"}"#))
    }

    @Test func roundTrips() throws {
        let pod = Self.jobPod()
        let decoded = try JSONDecoder().decode(Pod.self, from: Data(try Self.encode(pod).utf8))
        #expect(decoded == pod)
    }

    @Test func decodesAServerAnswerIgnoringUnknownFields() throws {
        let json = #"""
        {"kind":"Pod","apiVersion":"v1","metadata":{"name":"job-1","namespace":"ci","uid":"f50d47f4","resourceVersion":"10596",
         "deletionTimestamp":"2025-01-01T00:00:30Z","deletionGracePeriodSeconds":30,"ownerReferences":[{"apiVersion":"v1","kind":"ConfigMap","name":"fleet","uid":"u2","controller":false}],
         "managedFields":[{"manager":"flywheel"}]},
         "spec":{"containers":[{"name":"build","image":"alpine","terminationMessagePath":"/dev/termination-log"}],"nodeName":"node-1","priority":0},
         "status":{"phase":"Failed","reason":"Evicted","message":"The node was low on resource: memory.",
          "conditions":[{"type":"DisruptionTarget","status":"True","reason":"TerminationByKubelet","lastTransitionTime":"2025-01-01T00:00:10Z"}],
          "initContainerStatuses":[{"name":"prepare","ready":false,"restartCount":0,"image":"x","imageID":"","state":{"terminated":{"exitCode":0,"reason":"Completed"}}}],
          "containerStatuses":[{"name":"build","ready":false,"restartCount":0,"image":"alpine","imageID":"","containerID":"containerd://abc",
            "state":{"terminated":{"exitCode":137,"signal":9,"reason":"OOMKilled","message":"killed","startedAt":"2025-01-01T00:00:01Z","finishedAt":"2025-01-01T00:00:09Z"}},
            "lastState":{}}],"hostIP":"10.0.0.5","podIP":"10.1.0.7","startTime":"2025-01-01T00:00:00Z"}}
        """#
        let pod = try JSONDecoder().decode(Pod.self, from: Data(json.utf8))
        #expect(pod.metadata.deletionTimestamp?.date == Date(timeIntervalSince1970: 1_735_689_630))
        #expect(pod.metadata.ownerReferences?.first?.kind == "ConfigMap")
        #expect(pod.status?.phase == .failed)
        #expect(pod.status?.phase?.isTerminal == true)
        #expect(pod.status?.reason == "Evicted")
        #expect(pod.status?.condition("DisruptionTarget")?.reason == "TerminationByKubelet")
        let build = try #require(pod.status?.containerStatus(named: "build"))
        #expect(build.state?.terminated?.exitCode == 137)
        #expect(build.state?.terminated?.reason == "OOMKilled")
        #expect(build.state?.isTerminated == true)
        #expect(pod.status?.containerStatus(named: "prepare")?.state?.terminated?.reason == "Completed")
    }

    @Test func waitingReasonsDecode() throws {
        let json = #"{"name":"build","state":{"waiting":{"reason":"ImagePullBackOff","message":"Back-off pulling image \"bad/x\""}}}"#
        let status = try JSONDecoder().decode(ContainerStatus.self, from: Data(json.utf8))
        #expect(status.state?.waiting?.reason == "ImagePullBackOff")
        #expect(status.state?.isRunning == false)
    }

    @Test func unknownPhaseStaysOpen() throws {
        let status = try JSONDecoder().decode(PodStatus.self, from: Data(#"{"phase":"Hibernating"}"#.utf8))
        #expect(status.phase?.rawValue == "Hibernating")
        #expect(status.phase?.isTerminal == false)
    }

    @Test func ownerReferenceNeedsAnUID() throws {
        var pod = Pod(metadata: ObjectMeta(name: "job-1"))
        #expect(throws: KubernetesClientError.self) { try OwnerReference(to: pod) }
        pod.metadata.uid = "u-1"
        let reference = try OwnerReference(to: pod)
        #expect(reference == OwnerReference(apiVersion: "v1", kind: "Pod", name: "job-1", uid: "u-1", controller: false, blockOwnerDeletion: false))
    }

    @Test func freeFormFieldsPassThrough() throws {
        var spec = PodSpec(containers: [Container(name: "a")])
        spec.affinity = .object(["nodeAffinity": .object(["requiredDuringSchedulingIgnoredDuringExecution": .object(["nodeSelectorTerms": .array([])])])])
        let json = try Self.encode(spec)
        #expect(json == #"{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[]}}},"containers":[{"name":"a"}]}"#)
        #expect(try JSONDecoder().decode(PodSpec.self, from: Data(json.utf8)) == spec)
    }
}
