import Foundation
import Testing
import TestSupport

/// Every pod spec the Kubernetes executor can produce, rendered by `flywheel pod-spec`, validated strictly
/// against the Kubernetes schemas of kubernetes-validate (PyPI; `make test` installs it into `.venv/`).
@Suite(.timeLimit(.minutes(3))) struct PodSpecValidationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let validator = root.appendingPathComponent(".venv/bin/kubernetes-validate").path
    static var validatorInstalled: Bool { FileManager.default.isExecutableFile(atPath: validator) }
    static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// A config.toml in `directory` with one Kubernetes runner using the shipped `profile`.
    static func writeConfig(in directory: URL, runner: String, profile: String) throws -> URL {
        let config = directory.appendingPathComponent("config.toml")
        try """
            [[runners]]
            name = "\(runner)"
            url = "https://gitlab.example.com"
            token = "glrt-validate-runner-token"
            executor = "kubernetes"
              [runners.kubernetes]
              profile = "\(profile)"
              namespace = "ci"
              profiles_dir = "\(root.appendingPathComponent("executors").path)"
            """.write(to: config, atomically: true, encoding: .utf8)
        return config
    }

    /// Jobs covering what changes the pod: image, services, timeout.
    static func payload(profile: String) -> String {
        let services = profile == "docker" ? #", "services": [{"name": "postgres:16", "alias": "db"}, {"name": "redis:7", "variables": [{"key": "A", "value": "1", "public": true}]}]"# : ""
        let image = ["docker", "dind"].contains(profile) ? #", "image": {"name": "python:3.12"}"# : ""
        return """
            {"id": 77, "token": "glcbt-validate-token", "runner_info": {"timeout": 900},
             "job_info": {"name": "validate", "project_full_path": "acme/widget", "pipeline_id": 5},
             "git_info": {"sha": "0123456789abcdef", "ref": "main"},
             "variables": [{"key": "SECRET", "value": "hidden-value-42", "public": false, "masked": true}],
             "steps": [{"name": "script", "script": ["true"]}]\(image)\(services)}
            """
    }

    @Test(arguments: ["docker", "dind", "rocky8", "rocky9", "nix"])
    func podSpecValidatesStrictly(profile: String) async throws {
        if !Self.validatorInstalled {
            #expect(!Self.inCI, "kubernetes-validate is missing from .venv; `make test` installs it")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podspec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try Self.writeConfig(in: directory, runner: "k8s-\(profile)", profile: profile)
        let job = directory.appendingPathComponent("job.json")
        try Self.payload(profile: profile).write(to: job, atomically: true, encoding: .utf8)

        let rendered = try await CommandLine.flywheel(["pod-spec", "--config", config.path, "--runner", "k8s-\(profile)", "--job", job.path])
        #expect(rendered.status == 0, "\(rendered.output)")
        #expect(rendered.output.contains("kind: Pod"))
        #expect(rendered.output.contains("kind: Secret"))
        for secret in ["glcbt-validate-token", "hidden-value-42", "glrt-validate-runner-token"] {
            #expect(!rendered.output.contains(secret), "\(secret) must not appear in the rendered objects")
        }
        let manifest = directory.appendingPathComponent("objects.yaml")
        try rendered.output.write(to: manifest, atomically: true, encoding: .utf8)

        let (status, text) = try await ChildProcess.run(Self.validator, ["--strict", "-k", "1.30.0", manifest.path])
        #expect(status == 0, "kubernetes-validate: \(text)")
        #expect(!text.contains("ERROR"), "\(text)")
    }

    @Test func jobImageRefusedByTheProfileIsAClearError() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podspec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try Self.writeConfig(in: directory, runner: "rocky", profile: "rocky9")
        let job = directory.appendingPathComponent("job.json")
        try #"{"id": 1, "token": "t", "image": {"name": "ubuntu:24.04"}}"#.write(to: job, atomically: true, encoding: .utf8)
        let rendered = try await CommandLine.flywheel(["pod-spec", "--config", config.path, "--runner", "rocky", "--job", job.path])
        #expect(rendered.status != 0)
        #expect(rendered.output.contains("ubuntu:24.04"))
        #expect(rendered.output.contains("rocky9"))
    }
}
