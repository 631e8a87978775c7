import Foundation
import GitLabRunnerAPI
@testable import JobExecution
import Testing

/// get_sources against real local repositories (`file://` URLs).
@Suite struct GetSourcesTests {
    /// An origin repository with two commits on `main`, plus a place to build in.
    struct Fixture {
        let root: TemporaryDirectory
        let origin: String
        let first: String
        var second: String

        init() throws {
            root = try TemporaryDirectory("git")
            origin = root.file("origin")
            try FileManager.default.createDirectory(atPath: origin, withIntermediateDirectories: true)
            try ScriptHarness.git(["init", "-q", "-b", "main", "."], in: origin, home: root.path)
            first = try Self.commit("a.txt", "v1\n", in: origin, home: root.path)
            second = try Self.commit("a.txt", "v2\n", in: origin, home: root.path)
        }

        @discardableResult
        static func commit(_ file: String, _ content: String, in repository: String, home: String) throws -> String {
            try content.write(toFile: repository + "/" + file, atomically: true, encoding: .utf8)
            try ScriptHarness.git(["add", file], in: repository, home: home)
            try ScriptHarness.git(["commit", "-q", "-m", "change \(file)"], in: repository, home: home)
            return try ScriptHarness.git(["rev-parse", "HEAD"], in: repository, home: home)
        }

        var project: String { root.file("builds/acme/widget") }

        func job(sha: String, variables: [JobVariable] = [], depth: Int = 0, refspecs: [String] = [], allowGitFetch: Bool = true,
                 hooks: [(name: String, script: [String])] = []) throws -> JobPayload {
            try JobFixtures.job(
                variables: variables,
                gitInfo: GitInfo(repoURL: "file://" + origin, ref: "main", sha: sha, refType: "branch", refspecs: refspecs, depth: depth),
                allowGitFetch: allowGitFetch, hooks: hooks
            )
        }

        func getSources(_ job: JobPayload, shell: String = "/bin/sh") throws -> ScriptHarness.Result {
            try ScriptHarness.run(JobFixtures.builder(job, root: root.path).getSources(), shell: shell, in: root.path, home: root.path)
        }

        func git(_ arguments: [String]) throws -> String {
            try ScriptHarness.git(arguments, in: project, home: root.path)
        }

        func read(_ file: String) throws -> String {
            try String(contentsOfFile: project + "/" + file, encoding: .utf8)
        }
    }

    @Test(arguments: ScriptHarness.shells)
    func clonesAndChecksOutTheJobCommit(shell: String) throws {
        let fixture = try Fixture()
        defer { fixture.root.remove() }
        let job = try fixture.job(sha: fixture.second, variables: [JobVariable(key: "GIT_STRATEGY", value: "clone")])
        let result = try fixture.getSources(job, shell: shell)
        #expect(result.status == 0, "\(result.output)")
        #expect(try fixture.read("a.txt") == "v2\n")
        #expect(try fixture.git(["rev-parse", "HEAD"]) == fixture.second)
        #expect(result.output.contains("Fetching changes..."))
        #expect(result.output.contains("Created fresh repository."))
        #expect(result.output.contains("Checking out \(fixture.second.prefix(8)) as detached HEAD (ref is main)..."))
        #expect(result.output.contains("Skipping Git submodules setup"))
        let config = try String(contentsOfFile: fixture.project + "/.git/config", encoding: .utf8)
        #expect(config.contains("url = file://\(fixture.origin)"))
        #expect(!config.contains(JobFixtures.token))
        #expect(!result.output.contains(JobFixtures.token))
    }

    @Test func checksOutAnOlderCommitThanTheBranchHead() throws {
        let fixture = try Fixture()
        defer { fixture.root.remove() }
        let result = try fixture.getSources(try fixture.job(sha: fixture.first))
        #expect(result.status == 0, "\(result.output)")
        #expect(try fixture.git(["rev-parse", "HEAD"]) == fixture.first)
        #expect(try fixture.read("a.txt") == "v1\n")
    }

    @Test(arguments: ScriptHarness.shells)
    func fetchReusesTheCheckoutAndCleansIt(shell: String) throws {
        var fixture = try Fixture()
        defer { fixture.root.remove() }
        #expect(try fixture.getSources(try fixture.job(sha: fixture.first), shell: shell).status == 0)
        try "marker".write(toFile: fixture.project + "/.git/flywheel-marker", atomically: true, encoding: .utf8)
        try "junk".write(toFile: fixture.project + "/untracked.txt", atomically: true, encoding: .utf8)
        try "dirty\n".write(toFile: fixture.project + "/a.txt", atomically: true, encoding: .utf8)
        try "stale".write(toFile: fixture.project + "/.git/index.lock", atomically: true, encoding: .utf8)
        fixture.second = try Fixture.commit("b.txt", "new\n", in: fixture.origin, home: fixture.root.path)

        let result = try fixture.getSources(try fixture.job(sha: fixture.second), shell: shell)
        #expect(result.status == 0, "\(result.output)")
        #expect(!result.output.contains("Created fresh repository."))
        #expect(try fixture.git(["rev-parse", "HEAD"]) == fixture.second)
        #expect(try fixture.read("b.txt") == "new\n")
        #expect(try fixture.read("a.txt") == "v2\n")
        #expect(!FileManager.default.fileExists(atPath: fixture.project + "/untracked.txt"))
        #expect(FileManager.default.fileExists(atPath: fixture.project + "/.git/flywheel-marker"), "fetch keeps the repository")

        let clone = try fixture.getSources(try fixture.job(sha: fixture.second, allowGitFetch: false), shell: shell)
        #expect(clone.status == 0, "\(clone.output)")
        #expect(!FileManager.default.fileExists(atPath: fixture.project + "/.git/flywheel-marker"), "clone (the default without allow_git_fetch) starts over")
    }

    @Test func depthMakesAShallowCloneAndZeroUnshallows() throws {
        var fixture = try Fixture()
        defer { fixture.root.remove() }
        let third = try Fixture.commit("c.txt", "3\n", in: fixture.origin, home: fixture.root.path)
        fixture.second = third
        let shallow = try fixture.getSources(try fixture.job(sha: third, depth: 1, refspecs: ["+refs/heads/main:refs/remotes/origin/main"]))
        #expect(shallow.status == 0, "\(shallow.output)")
        #expect(shallow.output.contains("Fetching changes with git depth set to 1..."))
        #expect(try fixture.git(["rev-list", "--count", "HEAD"]) == "1")
        #expect(FileManager.default.fileExists(atPath: fixture.project + "/.git/shallow"))

        let variableWins = try fixture.getSources(try fixture.job(sha: third, variables: [JobVariable(key: "GIT_DEPTH", value: "0")], depth: 1))
        #expect(variableWins.status == 0, "\(variableWins.output)")
        #expect(try fixture.git(["rev-list", "--count", "HEAD"]) == "3")
        #expect(!FileManager.default.fileExists(atPath: fixture.project + "/.git/shallow"))
    }

    @Test func strategyNoneAndEmpty() throws {
        let fixture = try Fixture()
        defer { fixture.root.remove() }
        let none = try fixture.getSources(try fixture.job(sha: fixture.second, variables: [JobVariable(key: "GIT_STRATEGY", value: "none")]))
        #expect(none.status == 0, "\(none.output)")
        #expect(none.output.contains("Skipping Git repository setup"))
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: fixture.project, isDirectory: &isDirectory) && isDirectory.boolValue)
        #expect(!FileManager.default.fileExists(atPath: fixture.project + "/.git"))

        try "x".write(toFile: fixture.project + "/left.txt", atomically: true, encoding: .utf8)
        let keep = try fixture.getSources(try fixture.job(sha: fixture.second, variables: [JobVariable(key: "GIT_STRATEGY", value: "none")]))
        #expect(keep.status == 0)
        #expect(FileManager.default.fileExists(atPath: fixture.project + "/left.txt"))

        let empty = try fixture.getSources(try fixture.job(sha: fixture.second, variables: [JobVariable(key: "GIT_STRATEGY", value: "empty")]))
        #expect(empty.status == 0, "\(empty.output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.project).isEmpty)

        let unknown = try fixture.getSources(try fixture.job(sha: fixture.second, variables: [JobVariable(key: "GIT_STRATEGY", value: "teleport")]))
        #expect(unknown.status == 1)
        #expect(unknown.output.contains("unknown GIT_STRATEGY \"teleport\""))
    }

    @Test func checkoutAndCleanCanBeTurnedOff() throws {
        let fixture = try Fixture()
        defer { fixture.root.remove() }
        #expect(try fixture.getSources(try fixture.job(sha: fixture.first)).status == 0)
        try "junk".write(toFile: fixture.project + "/untracked.txt", atomically: true, encoding: .utf8)
        let noClean = try fixture.getSources(try fixture.job(sha: fixture.second, variables: [JobVariable(key: "GIT_CLEAN_FLAGS", value: "none")]))
        #expect(noClean.status == 0, "\(noClean.output)")
        #expect(FileManager.default.fileExists(atPath: fixture.project + "/untracked.txt"))
        #expect(try fixture.git(["rev-parse", "HEAD"]) == fixture.second)

        let noCheckout = try fixture.getSources(try fixture.job(sha: fixture.first, variables: [JobVariable(key: "GIT_CHECKOUT", value: "false")]))
        #expect(noCheckout.status == 0, "\(noCheckout.output)")
        #expect(noCheckout.output.contains("Skipping Git checkout"))
        #expect(try fixture.git(["rev-parse", "HEAD"]) == fixture.second)
    }

    @Test func hooksRunBeforeAndAfter() throws {
        let fixture = try Fixture()
        defer { fixture.root.remove() }
        let job = try fixture.job(sha: fixture.second, hooks: [
            (name: "pre_get_sources_script", script: ["echo \"pre in $(pwd)\"", "test ! -e \"$CI_PROJECT_DIR/a.txt\""]),
            (name: "post_get_sources_script", script: ["echo \"post sees $(cat a.txt)\""]),
        ])
        let result = try fixture.getSources(job)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("\u{1b}[32;1m$ echo \"pre in $(pwd)\"\u{1b}[0;m\npre in \(fixture.root.file("builds"))\n"))
        #expect(result.output.contains("post sees v2\n"))
        let pre = try #require(result.output.range(of: "pre in"))
        let fetch = try #require(result.output.range(of: "Fetching changes"))
        let post = try #require(result.output.range(of: "post sees"))
        #expect(pre.lowerBound < fetch.lowerBound && fetch.lowerBound < post.lowerBound)
    }

    @Test func aMissingCommitFailsTheStage() throws {
        let fixture = try Fixture()
        defer { fixture.root.remove() }
        let result = try fixture.getSources(try fixture.job(sha: String(repeating: "e", count: 40)))
        #expect(result.status != 0)
    }

    @Test func credentialsNeverReachTheRemoteURL() throws {
        let url = "https://gitlab-ci-token:\(JobFixtures.token)@gitlab.example.com/acme/widget.git"
        let repository = RepositoryURL(url)
        #expect(repository.address == "https://gitlab.example.com/acme/widget.git")
        #expect(repository.username == "gitlab-ci-token")
        #expect(repository.hadPassword)
        #expect(RepositoryURL("https://gitlab.example.com/a.git").address == "https://gitlab.example.com/a.git")
        #expect(RepositoryURL("ssh://git@host/a.git").address == "ssh://git@host/a.git")
        #expect(RepositoryURL("HTTP://u@host:8080/p?q=a@b").address == "HTTP://host:8080/p?q=a@b")

        let job = try JobFixtures.job(gitInfo: GitInfo(repoURL: url, ref: "main", sha: String(repeating: "a", count: 40)))
        let builder = JobFixtures.builder(job, root: "/tmp/x")
        let text = builder.getSources().text
        #expect(text.contains("'https://gitlab.example.com/acme/widget.git'"))
        #expect(!text.contains("@gitlab.example.com"))
        // The only place the token appears is the export of CI_JOB_TOKEN, which git's helper reads.
        #expect(text.components(separatedBy: JobFixtures.token).count == 2, "only in the export of CI_JOB_TOKEN")
    }

    @Test func theTokenOfAnHTTPRemoteStaysOutOfGitConfigAndOutput() throws {
        let root = try TemporaryDirectory("cred")
        defer { root.remove() }
        // Port 9 on loopback refuses the connection at once: the fetch fails without any network.
        let url = "http://gitlab-ci-token:\(JobFixtures.token)@127.0.0.1:9/acme/widget.git"
        let job = try JobFixtures.job(gitInfo: GitInfo(repoURL: url, ref: "main", sha: String(repeating: "a", count: 40)))
        let stage = JobFixtures.builder(job, root: root.path).getSources()
        let result = try ScriptHarness.run(stage, shell: "/bin/sh", in: root.path, home: root.path)
        #expect(result.status != 0)
        #expect(!result.output.contains(JobFixtures.token))
        let config = try String(contentsOfFile: root.file("builds/acme/widget/.git/config"), encoding: .utf8)
        #expect(config.contains("url = http://127.0.0.1:9/acme/widget.git"))
        #expect(!config.contains(JobFixtures.token))
        #expect(!config.contains("credential"))
    }

    @Test(arguments: ScriptHarness.shells)
    func theCredentialHelperAnswersWithTheJobToken(shell: String) throws {
        let root = try TemporaryDirectory("cred")
        defer { root.remove() }
        let job = try JobFixtures.job(gitInfo: GitInfo(repoURL: "https://gitlab-ci-token:x@gitlab.example.com/a.git"))
        let builder = JobFixtures.builder(job, root: root.path)
        let plan = GitSourcePlan(job: job, variables: builder.variables)
        let script = "export CI_JOB_TOKEN='\(JobFixtures.token)'\nprintf 'protocol=https\\nhost=gitlab.example.com\\n\\n' | \(builder.gitWithCredentials(plan)) credential fill\n"
        try script.write(toFile: root.file("fill.sh"), atomically: true, encoding: .utf8)
        let result = try ScriptHarness.run(shell, [root.file("fill.sh")], in: root.path, environment: ScriptHarness.environment(home: root.path))
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("username=gitlab-ci-token\n"))
        #expect(result.output.contains("password=\(JobFixtures.token)\n"))
    }

    @Test func planReadsTheGitVariables() throws {
        let job = try JobFixtures.job(
            variables: [
                JobVariable(key: "GIT_DEPTH", value: "5"), JobVariable(key: "GIT_CLEAN_FLAGS", value: "-ffdx -e cache/"),
                JobVariable(key: "GIT_FETCH_EXTRA_FLAGS", value: "--no-tags  --prune"), JobVariable(key: "GIT_SUBMODULE_STRATEGY", value: "Recursive"),
            ],
            gitInfo: GitInfo(refspecs: ["+refs/pipelines/9:refs/pipelines/9"], depth: 20), allowGitFetch: true
        )
        let plan = GitSourcePlan(job: job, variables: JobFixtures.builder(job, root: "/r").variables)
        #expect(plan.strategy == .fetch)
        #expect(plan.depth == 5)
        #expect(plan.cleanFlags == ["-ffdx", "-e", "cache/"])
        #expect(plan.fetchFlags == ["--no-tags", "--prune"])
        #expect(plan.submoduleStrategy == "recursive")
        #expect(plan.refspecs == ["+refs/pipelines/9:refs/pipelines/9"])
        let defaults = try JobFixtures.job(gitInfo: GitInfo(depth: 20))
        let defaultPlan = GitSourcePlan(job: defaults, variables: JobFixtures.builder(defaults, root: "/r").variables)
        #expect(defaultPlan.strategy == .clone)
        #expect(defaultPlan.depth == 20)
        #expect(defaultPlan.refspecs == GitSourcePlan.defaultRefspecs)
        #expect(defaultPlan.cleanFlags == ["-ffdx"])
        #expect(defaultPlan.fetchFlags == ["--prune", "--quiet"])
        #expect(defaultPlan.checkout)
    }
}
