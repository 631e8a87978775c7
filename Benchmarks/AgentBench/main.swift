// agent-bench: one `flywheel run` agent holding N concurrent sleeping job pods in the Kubernetes
// simulator (stand-in containers: running, no processes), fed by the GitLab simulator.
//
//   swift build -c release && .build/release/agent-bench --flywheel .build/release/flywheel [--jobs 1000] [--hold 30]
//
// Prints the agent's peak and final RSS, its average CPU while it holds the pods (and during the
// ramp), and the latency from GitLab handing out a job to the agent's pod create (p50/p99).
// Goals (issue 5): RSS ≤ 150 MiB, ≤ 0.2 core while holding, p50 ≤ 20 ms.
import Foundation
import Simulators

struct Options {
    var flywheel = ".build/release/flywheel"
    var jobs = 1000
    var hold = 30
    var repository = FileManager.default.currentDirectoryPath

    init(_ arguments: [String]) throws {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            guard let value = iterator.next() else { throw BenchError("\(argument) needs a value") }
            switch argument {
            case "--flywheel": flywheel = value
            case "--jobs": jobs = try Self.number(value, argument)
            case "--hold": hold = try Self.number(value, argument)
            case "--repository": repository = value
            default: throw BenchError("unknown option \(argument) (--flywheel PATH, --jobs N, --hold SECONDS, --repository DIR)")
            }
        }
    }

    static func number(_ text: String, _ option: String) throws -> Int {
        guard let value = Int(text), value > 0 else { throw BenchError("\(option) needs a positive number, not \(text)") }
        return value
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// CPU time and memory of a process, from /proc.
struct ProcessSample {
    var cpuSeconds: Double
    var residentBytes: Int
    var peakResidentBytes: Int
    var time: ContinuousClock.Instant

    init(pid: Int32) throws {
        time = .now
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // Fields after the command name (which may contain spaces) start after the last ')'.
        guard let close = stat.lastIndex(of: ")") else { throw BenchError("cannot parse /proc/\(pid)/stat") }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else {
            throw BenchError("cannot parse /proc/\(pid)/stat")
        }
        cpuSeconds = (user + system) / ticks
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        func kilobytes(_ key: String) -> Int {
            let line = status.split(separator: "\n").first { $0.hasPrefix(key + ":") } ?? ""
            return (Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0) * 1024
        }
        residentBytes = kilobytes("VmRSS")
        peakResidentBytes = kilobytes("VmHWM")
    }
}

func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let index = min(sorted.count - 1, max(0, Int((Double(sorted.count) * fraction).rounded(.up)) - 1))
    return sorted[index]
}

func mebibytes(_ bytes: Int) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func run() async throws {
    let options = try Options(CommandLine.arguments)
    guard FileManager.default.isExecutableFile(atPath: options.flywheel) else {
        throw BenchError("\(options.flywheel) is not an executable; build it with `swift build -c release`")
    }
    let profiles = options.repository + "/executors"
    guard FileManager.default.fileExists(atPath: profiles + "/docker.yaml") else {
        throw BenchError("no executors/docker.yaml under \(options.repository); run from the repository or pass --repository")
    }
    let directory = NSTemporaryDirectory() + "agent-bench-" + UUID().uuidString.prefix(8)
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }

    let gitlab = GitLabSimulator()
    try await gitlab.start()
    gitlab.addRunner(token: "glrt-bench")
    var configuration = KubernetesSimulatorConfiguration(token: "bench-token", namespaces: ["ci"], sandbox: .processes)
    configuration.tls = try KubernetesSimulator.generateTLS(in: directory + "/pki")
    configuration.images = KubernetesImageMap(entries: [("*", KubernetesSimulatedImage(standIn: true))])
    configuration.recordEvents = false
    configuration.maximumRecordedRequests = max(10_000, options.jobs * 8)
    configuration.watchBufferCapacity = max(configuration.watchBufferCapacity, options.jobs * 8)
    let kubernetes = KubernetesSimulator(configuration: configuration)
    try await kubernetes.start()

    try """
        apiVersion: v1
        kind: Config
        clusters: [{name: sim, cluster: {server: "\(kubernetes.baseURL)", certificate-authority: "\(configuration.tls?.caFile ?? "")"}}]
        users: [{name: agent, user: {token: bench-token}}]
        contexts: [{name: sim, context: {cluster: sim, user: agent, namespace: ci}}]
        current-context: sim
        """.write(toFile: directory + "/kubeconfig", atomically: true, encoding: .utf8)
    try """
        concurrent = \(options.jobs)
        check_interval = 1
        shutdown_timeout = 30
        log_level = "warn"

        [[runners]]
        name = "bench"
        url = "\(gitlab.baseURL)"
        token = "glrt-bench"
        executor = "kubernetes"
        [runners.kubernetes]
        namespace = "ci"
        profile = "docker"
        profiles_dir = "\(profiles)"
        kubeconfig = "\(directory)/kubeconfig"
        helper_image = "flywheel/flywheel:bench"
        poll_timeout = 600

        """.write(toFile: directory + "/config.toml", atomically: true, encoding: .utf8)

    for _ in 0..<options.jobs {
        gitlab.enqueue(job: [
            "job_info": ["name": "sleep", "stage": "test", "project_id": 1, "project_name": "bench", "project_full_path": "bench/bench"],
            "variables": [["key": "GIT_STRATEGY", "value": "none", "public": true]],
            "steps": [["name": "script", "script": ["sleep 3600"], "timeout": 3600, "when": "on_success", "allow_failure": false]],
        ])
    }

    let agent = Process()
    agent.executableURL = URL(fileURLWithPath: options.flywheel)
    agent.arguments = ["run", "--config", directory + "/config.toml"]
    let log = directory + "/agent.log"
    FileManager.default.createFile(atPath: log, contents: nil)
    agent.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    agent.standardError = agent.standardOutput
    try agent.run()
    let pid = agent.processIdentifier
    let start = try ProcessSample(pid: pid)
    print("agent-bench: \(options.jobs) jobs, one agent (pid \(pid)), hold \(options.hold) s")

    // Ramp: every job's pod running (its stand-in supervisor counts as the job running).
    let jobs = options.jobs
    do {
        try await kubernetes.wait(for: "\(jobs) running job pods", timeout: .seconds(600)) { kubernetes in
            guard agent.isRunning else { return true }
            return kubernetes.objects("pods", namespace: "ci").filter { $0.value(at: ["status", "phase"])?.stringValue == "Running" }.count >= jobs
        }
    } catch {
        agent.terminate()
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        throw BenchError("\(error); agent log tail:\n\(text.suffix(3000))")
    }
    guard agent.isRunning else {
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        throw BenchError("the agent exited (\(agent.terminationStatus)); its log:\n\(text.suffix(3000))")
    }
    let ramped = try ProcessSample(pid: pid)

    // Hold: the agent follows N sleeping pods and polls GitLab (which has nothing more).
    try await Task.sleep(for: .seconds(options.hold))
    let held = try ProcessSample(pid: pid)

    // Latency from GitLab's answer to the pod create request.
    var assigned: [String: Date] = [:]
    for job in gitlab.jobs { if let at = job.assignedAt { assigned[String(job.id)] = at } }
    /// Milliseconds from each job's hand-out to the first request of `kind` about it, sorted.
    func delays(_ arrivals: [(job: String, time: Date)]) -> [Double] {
        var first: [String: Date] = [:]
        for arrival in arrivals where first[arrival.job] == nil { first[arrival.job] = arrival.time }
        return first.compactMap { job, time in assigned[job].map { time.timeIntervalSince($0) * 1000 } }.sorted()
    }
    func created(_ resource: String) -> [(job: String, time: Date)] {
        kubernetes.requests(pathContains: "/namespaces/ci/\(resource)", method: "POST").compactMap { request in
            guard request.responseStatus == 201, let object = try? SimulatedJSON(parsing: request.body),
                  let id = object.value(at: ["metadata", "labels", "flywheel.dev/job-id"])?.stringValue else { return nil }
            return (id, request.time)
        }
    }
    let accepts = delays(gitlab.requests(to: .update).compactMap { request in request.jobID.map { (String($0), request.time) } })
    let secrets = delays(created("secrets"))
    let latencies = delays(created("pods"))

    agent.terminate()
    agent.waitUntilExit()
    await kubernetes.stop()
    await gitlab.stop()

    let rampSeconds = seconds(ramped.time - start.time)
    let holdSeconds = seconds(held.time - ramped.time)
    print(String(format: "ramp: %d pods running after %.1f s; agent CPU %.2f core", jobs, rampSeconds, (ramped.cpuSeconds - start.cpuSeconds) / rampSeconds))
    print(String(format: "hold: agent CPU %.3f core average over %.0f s (goal <= 0.2)", (held.cpuSeconds - ramped.cpuSeconds) / holdSeconds, holdSeconds))
    print("memory: agent RSS \(mebibytes(held.residentBytes)) holding, peak \(mebibytes(held.peakResidentBytes)) (goal <= 150 MiB)")
    print(String(format: "  steps (p50): accept PUT arrives %.1f ms, Secret POST %.1f ms, Pod POST %.1f ms after the job was handed out",
                 percentile(accepts, 0.5), percentile(secrets, 0.5), percentile(latencies, 0.5)))
    print(String(format: "job response -> pod create: p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d pods (goal p50 <= 20 ms)",
                 percentile(latencies, 0.5), percentile(latencies, 0.99), latencies.last ?? .nan, latencies.count))
}

do {
    try await run()
} catch {
    FileHandle.standardError.write(Data("agent-bench: \(error)\n".utf8))
    exit(1)
}
