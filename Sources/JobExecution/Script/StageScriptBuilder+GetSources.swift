import GitLabRunnerAPI

extension StageScriptBuilder {
    /// The get_sources stage (notes §10.4): runs the payload's `pre_get_sources_script` hooks, prepares
    /// the project directory per `GIT_STRATEGY` (`fetch` when GitLab allows it, else `clone`; `none`;
    /// `empty`), fetches with `GIT_DEPTH` and the payload's refspecs, checks out the job's commit, cleans
    /// (`GIT_CLEAN_FLAGS`), updates submodules (`GIT_SUBMODULE_STRATEGY`) and runs
    /// `post_get_sources_script`.
    ///
    /// The job token never reaches `.git/config`, a command line or the trace: the remote URL is
    /// stored without credentials and `git fetch` gets the token from an inline credential helper
    /// that reads the exported `CI_JOB_TOKEN`.
    public func getSources() -> StageScript {
        let plan = GitSourcePlan(job: job, variables: variables)
        let project = ShellQuote.single(layout.projectDir)
        var body = ShellScriptWriter()
        writeExports(into: &body)
        body.export("GIT_TERMINAL_PROMPT", "0")
        body.export("GCM_INTERACTIVE", "Never")
        body.line("mkdir -p \(ShellQuote.single(layout.buildsDir))")
        body.line("cd \(ShellQuote.single(layout.buildsDir))")
        writeHooks(named: "pre_get_sources_script", into: &body)

        switch plan.strategy {
        case nil:
            body.error("unknown GIT_STRATEGY \"\(plan.strategyText)\"; use clone, fetch, none or empty")
            body.line("exit 1")
        case .none?:
            body.notice("Skipping Git repository setup")
            body.line("mkdir -p \(project)")
        case .empty?:
            body.notice("Skipping Git repository setup and creating an empty build directory")
            body.line("rm -rf \(project)")
            body.line("mkdir -p \(project)")
        case let strategy?:
            writeRepositorySetup(plan, strategy: strategy, into: &body)
        }

        if job.hooks.contains(where: { $0.name == "post_get_sources_script" && !$0.script.isEmpty }) {
            body.line("mkdir -p \(project)")
            body.line("cd \(project)")
            writeHooks(named: "post_get_sources_script", into: &body)
        }
        return stage(named: "get_sources", body: body)
    }

    /// `git` with the inline credential helper that answers with the exported `CI_JOB_TOKEN`.
    func gitWithCredentials(_ plan: GitSourcePlan) -> String {
        var username = plan.repository.username ?? "gitlab-ci-token"
        if username.isEmpty || !username.utf8.allSatisfy({ SecretMasker.isWordByte($0) || $0 == UInt8(ascii: ".") }) {
            username = "gitlab-ci-token"
        }
        let helper = "credential.helper=!f() { test \"$1\" = get || return 0; echo username=\(username); echo \"password=${CI_JOB_TOKEN}\"; }; f"
        return "git -c credential.helper= -c \(ShellQuote.single(helper))"
    }

    private func writeHooks(named name: String, into body: inout ShellScriptWriter) {
        for hook in job.hooks where hook.name == name {
            for command in hook.script { body.userCommand(command) }
        }
    }

    private func writeRepositorySetup(_ plan: GitSourcePlan, strategy: GitStrategy, into body: inout ShellScriptWriter) {
        let project = ShellQuote.single(layout.projectDir)
        let git = gitWithCredentials(plan)
        if plan.depth > 0 {
            body.notice("Fetching changes with git depth set to \(plan.depth)...")
        } else {
            body.notice("Fetching changes...")
        }
        if strategy == .clone { body.line("rm -rf \(project)") }
        body.line("mkdir -p \(project)")
        body.line("cd \(project)")
        // Leftovers of a job killed mid-fetch would make every later fetch fail.
        body.line("rm -f .git/index.lock .git/shallow.lock .git/HEAD.lock .git/config.lock .git/hooks/post-checkout")
        body.line("if test -d .git; then flywheel_fresh=''; else flywheel_fresh=yes; fi")
        body.line("git -c init.defaultBranch=main init --template= .")
        body.line("if test -n \"$flywheel_fresh\"; then printf '%s\\n' 'Created fresh repository.'; fi")
        let address = ShellQuote.single(plan.repository.address)
        body.line("if git remote get-url origin >/dev/null 2>&1; then git remote set-url origin \(address); else git remote add origin \(address); fi")

        var fetch = ["fetch", "origin", "--no-recurse-submodules"]
        fetch += plan.refspecs
        if plan.depth > 0 {
            fetch += ["--depth", String(plan.depth)]
        } else {
            body.line("flywheel_unshallow=''")
            body.line("if test -f .git/shallow; then flywheel_unshallow='--unshallow'; fi")
        }
        fetch += plan.fetchFlags
        var fetchLine = git + " " + fetch.map(ShellQuote.single).joined(separator: " ")
        if plan.depth == 0 { fetchLine += " $flywheel_unshallow" }
        body.line(fetchLine)

        guard plan.checkout else {
            body.notice("Skipping Git checkout")
            body.notice("Skipping Git submodules setup")
            return
        }
        let sha = job.gitInfo.sha
        if sha.isEmpty {
            body.error("the job has no commit SHA to check out")
            body.line("exit 1")
            return
        }
        let ref = job.gitInfo.ref.isEmpty ? "" : " (ref is \(job.gitInfo.ref))"
        body.notice("Checking out \(sha.prefix(8)) as detached HEAD\(ref)...")
        body.line("git -c submodule.recurse=false checkout -f -q \(ShellQuote.single(sha))")
        if let flags = plan.cleanFlags {
            body.line((["git", "clean"] + flags.map(ShellQuote.single)).joined(separator: " "))
        }

        switch plan.submoduleStrategy {
        case "normal", "recursive":
            let recursive = plan.submoduleStrategy == "recursive"
            body.notice(recursive ? "Updating/initializing submodules recursively..." : "Updating/initializing submodules...")
            let flag = recursive ? " --recursive" : ""
            body.line("git submodule init")
            body.line("git submodule sync\(flag)")
            body.line("\(git) submodule update --init\(flag)")
        case "none", "":
            body.notice("Skipping Git submodules setup")
        default:
            body.error("unknown GIT_SUBMODULE_STRATEGY \"\(plan.submoduleStrategy)\"; use none, normal or recursive")
            body.line("exit 1")
        }
    }
}
