import Foundation
import Testing

/// `flywheel exec` runs a job of a local `.gitlab-ci.yml` with no GitLab and no cluster: the trace is
/// printed live, the exit status follows the job.
@Suite(.timeLimit(.minutes(3))) struct ExecCommandTests {
    /// A committed git repository with `files`.
    static func repository(_ files: [String: String]) throws -> String {
        let directory = NSTemporaryDirectory() + "flywheel-exec-e2e-" + UUID().uuidString.prefix(8)
        for (path, text) in files {
            let url = URL(fileURLWithPath: directory).appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let script = "cd '\(directory)' && git init -q -b main && git add -A && git -c user.email=e2e@example.com -c user.name=e2e commit -qm init"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return directory
    }

    static let pipeline = """
        include: [{local: ci/templates.yml}]
        variables: {GREETING: hello}
        ok:
          extends: .template
          script:
            - !reference [.setup, script]
            - cat source.txt
            - echo "$GREETING from $CI_JOB_NAME"
          artifacts: {paths: [out/]}
        broken:
          script: [echo before-failure, exit 3]
          after_script: [echo "after:$CI_JOB_STATUS"]
        """

    @Test func runsAJobWithExtendsReferenceAndSourcesFromHead() async throws {
        let repository = try Self.repository([
            ".gitlab-ci.yml": Self.pipeline,
            "ci/templates.yml": ".template:\n  before_script: [echo template-before]\n.setup:\n  script: [echo referenced-setup]\n",
            "source.txt": "committed content\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: repository) }
        let listed = try await CommandLine.flywheel(["exec", "--file", repository + "/.gitlab-ci.yml"])
        #expect(listed.status == 0)
        #expect(listed.output == "ok\nbroken\n")

        let ok = try await CommandLine.flywheel(["exec", "--file", repository + "/.gitlab-ci.yml", "ok", "--var", "GREETING=hi"])
        #expect(ok.status == 0, "\(ok.output)")
        for line in ["template-before\n", "referenced-setup\n", "committed content\n", "hi from ok\n", "Job succeeded"] {
            #expect(ok.output.contains(line), "missing \(line.debugDescription) in \(ok.output)")
        }
        #expect(ok.output.contains("`artifacts`"), "the ignored keyword is named")

        let broken = try await CommandLine.flywheel(["exec", "--file", repository + "/.gitlab-ci.yml", "broken"])
        #expect(broken.status == 3)
        #expect(broken.output.contains("before-failure\n"))
        #expect(broken.output.contains("after:failed\n"))
        #expect(broken.output.contains("ERROR: Job failed: exit code 3"))
    }

    @Test func badPipelineIsAClearError() async throws {
        let repository = try Self.repository([".gitlab-ci.yml": "job:\n  extends: .nowhere\n  script: [true]\n"])
        defer { try? FileManager.default.removeItem(atPath: repository) }
        let result = try await CommandLine.flywheel(["exec", "--file", repository + "/.gitlab-ci.yml", "job"])
        #expect(result.status != 0)
        #expect(result.output.contains("extends `.nowhere`, which is not a job or hidden job"), "\(result.output)")
    }
}
