import Foundation
import GitLabRunnerAPI

/// What get_sources does, from the payload and the job's `GIT_*` variables (notes §10.4).
struct GitSourcePlan: Equatable {
    /// The refspecs fetched when GitLab sends none.
    static let defaultRefspecs = ["+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*"]
    /// Fetch flags when `GIT_FETCH_EXTRA_FLAGS` is not set.
    static let defaultFetchFlags = ["--prune", "--quiet"]

    /// `nil` when `GIT_STRATEGY` names no known strategy; ``strategyText`` has what it said.
    var strategy: GitStrategy?
    var strategyText: String
    /// Fetch depth; `0` fetches everything.
    var depth: Int
    var refspecs: [String]
    /// `GIT_CHECKOUT` is not `false`.
    var checkout: Bool
    /// `git clean` flags; `nil` when cleaning is disabled (`GIT_CLEAN_FLAGS=none`).
    var cleanFlags: [String]?
    var fetchFlags: [String]
    /// `GIT_SUBMODULE_STRATEGY`: `none`, `normal` or `recursive`.
    var submoduleStrategy: String
    var repository: RepositoryURL

    init(job: JobPayload, variables: JobVariables) {
        func setting(_ key: String) -> String? {
            guard let value = variables.value(of: key)?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
        func words(_ text: String) -> [String] {
            text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        }
        let defaultStrategy: GitStrategy = job.allowGitFetch ? .fetch : .clone
        strategyText = setting("GIT_STRATEGY") ?? defaultStrategy.rawValue
        strategy = GitStrategy(rawValue: strategyText.lowercased())
        if let text = setting("GIT_DEPTH"), let value = Int(text), value >= 0 {
            depth = value
        } else {
            depth = max(0, job.gitInfo.depth)
        }
        refspecs = job.gitInfo.refspecs.isEmpty ? Self.defaultRefspecs : job.gitInfo.refspecs
        checkout = setting("GIT_CHECKOUT")?.lowercased() != "false"
        if let text = setting("GIT_CLEAN_FLAGS") {
            cleanFlags = text.lowercased() == "none" ? nil : words(text)
        } else {
            cleanFlags = ["-ffdx"]
        }
        fetchFlags = setting("GIT_FETCH_EXTRA_FLAGS").map(words) ?? Self.defaultFetchFlags
        submoduleStrategy = setting("GIT_SUBMODULE_STRATEGY")?.lowercased() ?? "none"
        repository = RepositoryURL(job.gitInfo.repoURL)
    }
}
