import Foundation
import Kubernetes
import Testing
import TestSupport

/// Checks encoded objects with `kubernetes-validate --strict` (PyPI), the oracle for "no nulls, no unknown fields".
/// Skipped unless the tool is at `$KUBERNETES_VALIDATE`, in the repository's `.venv/` (`make venv`), on `PATH`, or
/// in `/tmp/k8s/venv/bin`.
@Suite struct StrictValidationTests {
    static let tool: String? = {
        let environment = ProcessInfo.processInfo.environment
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var candidates = [environment["KUBERNETES_VALIDATE"], repository.appendingPathComponent(".venv/bin/kubernetes-validate").path].compactMap { $0 }
        candidates.append("/tmp/k8s/venv/bin/kubernetes-validate")
        candidates += (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/kubernetes-validate" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static func validate(_ object: some Encodable, name: String) async throws -> (status: Int32, output: String) {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("\(name).json", try PodEncodingTests.encode(object))
        return try await ChildProcess.run(tool!, ["--strict", "-k", "1.32", path])
    }

    @Test(.enabled(if: tool != nil, "needs kubernetes-validate (pip install kubernetes-validate)"))
    func generatedObjectsPassStrictValidation() async throws {
        var deployment = Deployment(metadata: ObjectMeta(name: "flywheel"))
        deployment.spec = DeploymentSpec(
            replicas: 2, selector: LabelSelector(matchLabels: ["app": "flywheel"]),
            template: PodTemplateSpec(metadata: ObjectMeta(labels: ["app": "flywheel"]), spec: PodEncodingTests.jobPod().spec),
            strategy: DeploymentStrategy(type: "RollingUpdate", rollingUpdate: RollingUpdateDeployment(maxUnavailable: 0, maxSurge: "25%"))
        )
        let objects: [(String, any Encodable)] = [
            ("pod", PodEncodingTests.jobPod()),
            ("secret", Secret(metadata: ObjectMeta(name: "s"), type: "Opaque", data: ["a": Data([1, 2])], stringData: ["b": "c"])),
            ("lease", Lease(metadata: ObjectMeta(name: "l"), spec: LeaseSpec(holderIdentity: "me", leaseDurationSeconds: 15, renewTime: KubernetesTime(Date(), fractionDigits: 6)))),
            ("deployment", deployment),
        ]
        for (name, object) in objects {
            let result = try await Self.validate(object, name: name)
            #expect(result.status == 0, "\(name): \(result.output)")
        }
    }

    @Test(.enabled(if: tool != nil, "needs kubernetes-validate (pip install kubernetes-validate)"))
    func theOracleCatchesMistakes() async throws {
        var pod = Pod(metadata: ObjectMeta(name: "x"), spec: PodSpec(containers: [Container(name: "a", image: "b")]))
        pod.spec?.affinity = .object(["bogus": .null])
        let bad = try await Self.validate(pod, name: "bad")
        #expect(bad.status != 0)
    }
}
