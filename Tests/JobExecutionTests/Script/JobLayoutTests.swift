import GitLabRunnerAPI
import JobExecution
import Testing

@Suite struct JobLayoutTests {
    static func job(path: String, id: Int64 = 17) -> JobPayload {
        JobPayload(id: 1, token: "t", jobInfo: JobInfo(projectID: id, projectFullPath: path))
    }

    @Test func projectDirectoryFollowsTheProjectPath() {
        let layout = JobLayout(buildsDir: "/builds/", job: Self.job(path: "acme/widget"))
        #expect(layout.buildsDir == "/builds")
        #expect(layout.projectDir == "/builds/acme/widget")
        #expect(layout.tempDir == "/builds/acme/widget.tmp")
        #expect(layout.scriptsDir == "/builds/acme/widget.tmp/scripts")
    }

    @Test func unusablePathsFallBackToTheProjectID() {
        #expect(JobLayout.defaultProjectDir(buildsDir: "/builds", job: Self.job(path: "")) == "/builds/project-17")
        #expect(JobLayout.defaultProjectDir(buildsDir: "/builds", job: Self.job(path: "../etc")) == "/builds/project-17")
        #expect(JobLayout.defaultProjectDir(buildsDir: "/builds", job: Self.job(path: "/abs/path")) == "/builds/project-17")
        #expect(JobLayout.defaultProjectDir(buildsDir: "/", job: Self.job(path: "a/b")) == "/a/b")
    }

    @Test func explicitDirectoriesWin() {
        let layout = JobLayout(buildsDir: "/home/runner/builds", projectDir: "/home/runner/builds/t1/0/acme/widget/", scriptsDir: "/run/scripts")
        #expect(layout.projectDir == "/home/runner/builds/t1/0/acme/widget")
        #expect(layout.tempDir == "/home/runner/builds/t1/0/acme/widget.tmp")
        #expect(layout.scriptsDir == "/run/scripts")
    }
}
