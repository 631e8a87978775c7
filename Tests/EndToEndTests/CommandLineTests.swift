import Foundation
import Simulators
import Testing

/// `flywheel register`, `verify`, `list`, `unregister` and `version` against the GitLab simulator.
@Suite(.timeLimit(.minutes(2))) struct CommandLineTests {
    func withSimulator(_ body: (GitLabSimulator, URL) async throws -> Void) async throws {
        let simulator = try await GitLabSimulator.started()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flywheel-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            try await body(simulator, directory.appendingPathComponent("config.toml"))
        } catch {
            await simulator.stop()
            throw error
        }
        await simulator.stop()
    }

    let runnerToken = GitLabSimulatorConfiguration().runnerToken

    @Test func registerWithRunnerTokenVerifiesWithFullInfoAndWritesConfig() async throws {
        try await withSimulator { simulator, config in
            let result = try await CommandLine.flywheel(["register", "--config", config.path, "--url", simulator.baseURL + "/", "--token", runnerToken, "--name", "one"])
            #expect(result.status == 0, "\(result.output)")
            #expect(!result.output.contains(runnerToken), "the token must never be printed")
            let text = try String(contentsOf: config, encoding: .utf8)
            #expect(text.contains("name = \"one\""))
            #expect(text.contains("url = \"\(simulator.baseURL)\""))
            let attributes = try FileManager.default.attributesOfItem(atPath: config.path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let verify = try #require(simulator.requests(to: .verify).first)
            #expect(verify.json?["system_id"]?.stringValue?.hasPrefix("s_") == true)
            let manager = try #require(simulator.managers().first)
            #expect(manager.advertises("cancel_gracefully"))
            #expect(manager.advertises("two_phase_job_commit"))
            #expect(manager.advertises("masking"))
            #expect(manager.advertises("artifacts_exclude"))
            #expect(!manager.advertises("upload_multiple_artifacts"), "reports are not uploaded yet, so this must not be advertised")
            let systemID = try String(contentsOf: config.deletingLastPathComponent().appendingPathComponent(".runner_system_id"), encoding: .utf8)
            #expect(systemID.trimmingCharacters(in: .whitespacesAndNewlines) == manager.systemID)

            let list = try await CommandLine.flywheel(["list", "--config", config.path])
            #expect(list.status == 0)
            #expect(list.output.contains("one"))
            #expect(!list.output.contains(runnerToken))

            let verified = try await CommandLine.flywheel(["verify", "--config", config.path])
            #expect(verified.status == 0, "\(verified.output)")
            #expect(verified.output.contains("is valid"))
        }
    }

    @Test func registerWithLegacyTokenCreatesTheRunner() async throws {
        try await withSimulator { simulator, config in
            let registration = GitLabSimulatorConfiguration().registrationToken
            let result = try await CommandLine.flywheel(
                ["register", "--config", config.path, "--url", simulator.baseURL, "--name", "legacy", "--tag-list", "a,b"],
                environment: ProcessInfo.processInfo.environment.merging(["REGISTRATION_TOKEN": registration]) { $1 }
            )
            #expect(result.status == 0, "\(result.output)")
            let request = try #require(simulator.requests(to: .register).first)
            #expect(request.json?["tag_list"]?.stringValue == "a,b")
            #expect(request.json?["token"]?.stringValue == registration)
            let text = try String(contentsOf: config, encoding: .utf8)
            #expect(text.contains("token = "))
            #expect(!text.contains(registration))
        }
    }

    @Test func unregisterRemovesOnlyThisManagerUnlessAskedToDeleteTheRunner() async throws {
        try await withSimulator { simulator, config in
            _ = try await CommandLine.flywheel(["register", "--config", config.path, "--url", simulator.baseURL, "--token", runnerToken, "--name", "one"])
            let result = try await CommandLine.flywheel(["unregister", "--config", config.path, "--name", "one"])
            #expect(result.status == 0, "\(result.output)")
            #expect(simulator.requests(to: .unregisterManager).count == 1)
            #expect(simulator.requests(to: .unregister).isEmpty, "DELETE /runners with a glrt- token deletes the runner for everyone")
            #expect(!simulator.runnerDeleted)
            #expect(!(try String(contentsOf: config, encoding: .utf8)).contains("name = \"one\""))

            _ = try await CommandLine.flywheel(["register", "--config", config.path, "--url", simulator.baseURL, "--token", runnerToken, "--name", "two"])
            let deleted = try await CommandLine.flywheel(["unregister", "--config", config.path, "--name", "two", "--delete-runner"])
            #expect(deleted.status == 0, "\(deleted.output)")
            #expect(simulator.requests(to: .unregister).count == 1)
            #expect(simulator.runnerDeleted)
        }
    }

    @Test func invalidTokenFailsVerify() async throws {
        try await withSimulator { simulator, config in
            let text = """
                [[runners]]
                name = "bad"
                url = "\(simulator.baseURL)"
                token = "glrt-not-a-real-token"
                executor = "shell"
                """
            try text.write(to: config, atomically: true, encoding: .utf8)
            let result = try await CommandLine.flywheel(["verify", "--config", config.path])
            #expect(result.status != 0)
            #expect(result.output.contains("is NOT valid"))
        }
    }

    @Test func badConfigNamesTheKey() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flywheel-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("config.toml")
        try "concurent = 4\n".write(to: config, atomically: true, encoding: .utf8)
        let result = try await CommandLine.flywheel(["run", "--config", config.path])
        #expect(result.status != 0)
        #expect(result.output.contains("concurent"))
        #expect(result.output.contains("concurrent"))
    }

    @Test func versionPrintsTheVersion() async throws {
        let result = try await CommandLine.flywheel(["version"])
        #expect(result.status == 0)
        #expect(result.output.contains("flywheel 0.1.0"))
    }
}
