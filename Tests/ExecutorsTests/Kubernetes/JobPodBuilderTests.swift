import Executors
import Foundation
import GitLabRunnerAPI
import Kubernetes
import Testing

@Suite struct JobPodBuilderTests {
    static let secret = "s3cr3t-masked-value"

    func job(image: String? = nil, services: [JobImage] = [], timeout: Int = 3600) -> JobPayload {
        JobPayload(
            id: 4242, token: "glcbt-job-token-value",
            jobInfo: JobInfo(id: 4242, name: "unit", projectFullPath: "acme/widget"),
            gitInfo: GitInfo(repoURL: "https://gitlab-ci-token:glcbt-job-token-value@gitlab.example.com/acme/widget.git", sha: "abc123"),
            runnerInfo: RunnerInfoPayload(timeout: timeout),
            variables: [JobVariable(key: "API_SECRET", value: Self.secret, isPublic: false, masked: true)],
            steps: [JobStep(name: "script", script: ["echo $API_SECRET"])],
            image: image.map { JobImage(name: $0) }, services: services
        )
    }

    func builder(_ profile: String) throws -> JobPodBuilder {
        JobPodBuilder(
            namespace: "ci", profile: try ExecutorProfile.load(named: profile, directory: ExecutorProfileTests.directory),
            helperImage: "flywheel/flywheel:test",
            settings: PodJobSettings(serverURL: "https://gitlab.example.com", runnerName: "k8s-docker", runnerShortToken: "abc", systemID: "s_0123456789ab", outputLimitKiB: 4096)
        )
    }

    @Test(arguments: ["docker", "dind", "rocky8", "rocky9", "nix"])
    func noSecretValueInThePodSpec(profile: String) throws {
        let pod = try builder(profile).pod(for: job())
        let json = String(decoding: try JSONEncoder().encode(pod), as: UTF8.self)
        #expect(!json.contains(Self.secret))
        #expect(!json.contains("glcbt-job-token-value"))
        #expect(!json.contains("null"), "no nulls: strict schemas refuse them")
    }

    @Test func podHasTheSafetyNetAndLabels() throws {
        let builder = try builder("docker")
        let pod = try builder.pod(for: job(timeout: 1800))
        let spec = try #require(pod.spec)
        #expect(spec.restartPolicy == "Never")
        #expect(spec.automountServiceAccountToken == false)
        #expect(spec.activeDeadlineSeconds == Int64(1800 + 600))
        #expect(spec.initContainers?.first?.name == "prepare")
        #expect(spec.containers.map(\.name).prefix(2) == ["build", "supervisor"])
        #expect(spec.containers[0].command == ["/bin/sh", "/flywheel/build-loop.sh"])
        #expect(pod.metadata.labels?["flywheel.dev/job-id"] == "4242")
        #expect(pod.metadata.labels?["app.kubernetes.io/managed-by"] == "flywheel")
        #expect(pod.metadata.labels?["flywheel.dev/system-id"] == "s_0123456789ab")
        #expect(pod.metadata.name == builder.podName(jobID: 4242))
        #expect(spec.securityContext?.runAsNonRoot == true)
        // Only the supervisor mounts the job's Secret.
        #expect(spec.containers[0].volumeMounts?.contains { $0.name == "job" } == false)
        #expect(spec.containers[1].volumeMounts?.contains { $0.name == "job" } == true)
    }

    @Test func secretHoldsThePayloadAndRunnerSettings() throws {
        let secret = try builder("docker").secret(for: job())
        let payload = try JSONDecoder().decode(JobPayload.self, from: try #require(secret.data?["job.json"]))
        #expect(payload.token == "glcbt-job-token-value")
        let settings = try JSONDecoder().decode(PodJobSettings.self, from: try #require(secret.data?["runner.json"]))
        #expect(settings.runnerName == "k8s-docker")
        #expect(secret.metadata.name == (try builder("docker")).podName(jobID: 4242))
    }

    @Test func dockerProfileUsesTheJobImageAndDefault() throws {
        #expect(try builder("docker").pod(for: job(image: "python:3.12")).spec?.containers[0].image == "python:3.12")
        #expect(try builder("docker").pod(for: job()).spec?.containers[0].image == "alpine:3.20")
    }

    @Test func rockyProfileRefusesAJobImage() throws {
        #expect(throws: JobPodError.self) { try builder("rocky9").pod(for: job(image: "ubuntu:24.04")) }
        #expect(try builder("rocky9").pod(for: job()).spec?.containers[0].image == "rockylinux/rockylinux:9")
    }

    @Test func servicesBecomeContainersNamedByAlias() throws {
        let pod = try builder("docker").pod(for: job(services: [JobImage(name: "postgres:16", alias: "db,database"), JobImage(name: "redis:7")]))
        let names = pod.spec?.containers.map(\.name) ?? []
        #expect(names == ["build", "supervisor", "db", "svc-1"])
    }

    @Test func profileWithoutServicesRefusesThem() throws {
        #expect(throws: JobPodError.self) { try builder("rocky8").pod(for: job(services: [JobImage(name: "postgres:16")])) }
    }

    @Test func dindAddsAPrivilegedSidecarButNotAPrivilegedBuild() throws {
        let spec = try #require(try builder("dind").pod(for: job()).spec)
        let dind = try #require(spec.containers.first { $0.name == "dind" })
        #expect(dind.securityContext?.privileged == true)
        #expect(spec.containers[0].securityContext?.privileged != true)
        #expect(spec.containers[0].env?.contains { $0.name == "DOCKER_HOST" && $0.value == "tcp://localhost:2376" } == true)
    }

    @Test func nixSeedsTheStoreAndInjectsSubstituters() throws {
        let spec = try #require(try builder("nix").pod(for: job()).spec)
        #expect(spec.initContainers?.map(\.name) == ["prepare", "seed-nix-store"])
        let config = spec.containers[0].env?.first { $0.name == "NIX_CONFIG" }?.value ?? ""
        #expect(config.contains("extra-substituters = "))
        #expect(config.contains("extra-trusted-public-keys = "))
        #expect(spec.containers[0].volumeMounts?.contains { $0.mountPath == "/nix" } == true)
    }

    @Test func podNamesAreValidAndStable() throws {
        let builder = try builder("docker")
        let name = builder.podName(jobID: 123_456_789)
        #expect(name == builder.podName(jobID: 123_456_789))
        #expect(name.count <= 63)
        #expect(name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" })
    }
}
