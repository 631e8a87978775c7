import Foundation

/// Runs the machine's `kubectl` (the google-cloud-cli dispatcher, which picks a client to
/// match the server's `/version`) against a kubeconfig, with a fresh `--cache-dir` per call
/// so discovery is never served from an old cache (notes §2.1–§2.2).
struct Kubectl: Sendable {
    static let path = "/usr/bin/kubectl"
    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// The result of one call.
    struct Result: Sendable {
        var status: Int32
        var output: String
        var error: String
    }

    let kubeconfig: String
    let directory: String

    /// Writes a kubeconfig for `server` into `directory`.
    init(directory: String, server: String, caFile: String?, token: String?) throws {
        self.directory = directory
        kubeconfig = directory + "/kubeconfig"
        var cluster = "    server: \(server)\n"
        if let caFile { cluster += "    certificate-authority: \(caFile)\n" }
        let user = token.map { "    token: \($0)\n" } ?? "    {}\n"
        let text = "apiVersion: v1\nkind: Config\nclusters:\n- name: sim\n  cluster:\n\(cluster)users:\n- name: sim\n  user:\n\(user)"
            + "contexts:\n- name: sim\n  context:\n    cluster: sim\n    user: sim\n    namespace: default\ncurrent-context: sim\n"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try text.write(toFile: kubeconfig, atomically: true, encoding: .utf8)
    }

    /// Runs `kubectl arguments…` and waits for it (at most `timeout`).
    func run(_ arguments: [String], timeout: Duration = .seconds(90)) async throws -> Result {
        let cache = directory + "/cache-" + UUID().uuidString.prefix(8)
        let outputFile = directory + "/out-" + UUID().uuidString.prefix(8)
        let errorFile = directory + "/err-" + UUID().uuidString.prefix(8)
        FileManager.default.createFile(atPath: outputFile, contents: nil)
        FileManager.default.createFile(atPath: errorFile, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.path)
        process.arguments = ["--kubeconfig", kubeconfig, "--cache-dir", cache] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["KUBECONFIG"] = kubeconfig
        environment["HOME"] = directory
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputFile))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorFile))
        let finished = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { process in
            finished.continuation.yield(process.terminationStatus)
            finished.continuation.finish()
        }
        try process.run()
        let status = await withTaskGroup(of: Int32?.self) { group in
            group.addTask {
                for await status in finished.stream { return status }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let status else {
            process.terminate()
            throw KubeTestFailure("kubectl \(arguments.joined(separator: " ")) timed out")
        }
        let output = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
        let error = (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? ""
        return Result(status: status, output: output, error: error)
    }
}
