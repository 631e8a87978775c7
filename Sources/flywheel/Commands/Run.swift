import Agent
import ArgumentParser
import AsyncHTTPClient
import Executors
import Foundation
import GitLabRunnerAPI
import Logging
import NIOCore
import RunnerConfiguration
import UnixSignals

/// `flywheel run`: the long-running agent.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Poll GitLab and run jobs until stopped.",
        discussion: """
            SIGTERM and SIGINT drain: no new jobs; running jobs get `shutdown_timeout` seconds to finish, then \
            are interrupted and reported as runner_interrupted. SIGQUIT drains without a deadline. A second \
            signal interrupts running jobs at once.
            """
    )

    @OptionGroup var options: ConfigOption

    func run() async throws {
        let configuration: AgentConfiguration
        do {
            configuration = try AgentConfiguration.load(path: options.config)
        } catch {
            throw ValidationError("\(error)")
        }
        let logger = LoggingBootstrap.start(level: configuration.logLevel, format: configuration.logFormat)
        guard !configuration.runners.isEmpty else {
            throw ValidationError("\(options.config) has no [[runners]]; add one with `flywheel register`")
        }
        let systemID = try SystemID.loadOrCreate(configPath: options.config)
        // Per host, each Kubernetes runner holds one long watch and each runner's pollers one long poll:
        // leave room beside them for pod creates, patches and trace updates.
        var httpConfiguration = HTTPClient.Configuration(timeout: .init(connect: .seconds(10)))
        httpConfiguration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 16 + 2 * configuration.runners.count
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
        var runners: [AgentRunner] = []
        for settings in configuration.runners {
            var runnerLogger = logger
            runnerLogger[metadataKey: "runner"] = "\(settings.name)"
            // Advertise what this runner's executor honours: job images and services run in Kubernetes pods,
            // the job cache only with the shell executor (its store is on the agent's host or S3 settings).
            var features = RunnerInfo.Features()
            if settings.executor == .kubernetes {
                features.image = true
                features.services = true
                features.cache = false
            }
            let info = RunnerInfo(
                version: FlywheelBuild.version, revision: FlywheelBuild.revision, architecture: FlywheelBuild.architecture,
                executor: settings.executor.rawValue, shell: settings.shell, features: features
            )
            let client = GitLabClient(serverURL: settings.url, info: info, httpClient: http, logger: runnerLogger)
            let executor: any JobExecutor
            switch settings.executor {
            case .shell:
                executor = ShellExecutor(settings: settings, systemID: systemID, api: client, logger: runnerLogger)
            case .kubernetes:
                do {
                    executor = try KubernetesExecutorFactory.make(settings: settings, systemID: systemID, api: client, httpClient: http, logger: runnerLogger)
                } catch {
                    try? await http.shutdown()
                    throw ValidationError("runner \(settings.name): \(error)")
                }
            }
            runners.append(AgentRunner(settings: settings, api: client, executor: executor))
            do {
                _ = try await client.verify(runnerToken: settings.token, systemID: systemID)
                runnerLogger.info("runner verified", metadata: ["token": "\(TokenDisplay.short(settings.token))…"])
            } catch {
                runnerLogger.error("verify failed: \(error); polling anyway")
            }
        }
        let agent = Agent(
            runners: runners, concurrent: configuration.concurrent,
            settings: Agent.Settings(checkInterval: .seconds(configuration.checkInterval), shutdownTimeout: .seconds(configuration.shutdownTimeout), systemID: systemID),
            logger: logger
        )
        logger.notice("flywheel \(FlywheelBuild.version) started", metadata: ["system_id": "\(systemID)", "runners": "\(runners.count)", "concurrent": "\(configuration.concurrent)"])
        let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint, .sigquit)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                var seen = 0
                for await signal in signals {
                    seen += 1
                    if seen == 1 {
                        logger.notice("received \(signal): draining")
                        agent.drain(waitIndefinitely: signal == .sigquit)
                    } else {
                        logger.warning("received \(signal) again: interrupting running jobs")
                        agent.interruptAll()
                    }
                }
            }
            // In a Deployment: keep this pod's deletion cost at its running jobs (Downward API names the pod),
            // and read the revision the Deployment asks for (the status page's drift line).
            let environment = ProcessInfo.processInfo.environment
            if let podName = environment["POD_NAME"], let namespace = environment["POD_NAMESPACE"],
               let kubernetes = configuration.runners.lazy.compactMap(\.kubernetes).first {
                do {
                    let client = try KubernetesExecutorFactory.client(kubernetes, httpClient: http, logger: logger)
                    let cost = PodDeletionCost(kubernetes: client, podName: podName, namespace: namespace, logger: logger)
                    group.addTask { await cost.run { agent.runningJobIDs.count } }
                    let requested = RequestedRevision(
                        kubernetes: client, deployment: environment["FLYWHEEL_DEPLOYMENT"].flatMap { $0.isEmpty ? nil : $0 } ?? "flywheel",
                        namespace: namespace, logger: logger
                    )
                    group.addTask { await requested.run { agent.board.recordRequestedRevision($0) } }
                } catch {
                    logger.warning("pod-deletion-cost and the requested revision are not maintained: \(error)")
                }
            }
            if let listenAddress = configuration.listenAddress {
                do {
                    let server = try StatusServer(agent: agent, listenAddress: listenAddress, logger: logger)
                    group.addTask {
                        do {
                            try await server.run()
                        } catch {
                            logger.error("status server on \(listenAddress) stopped: \(error)")
                        }
                    }
                } catch {
                    logger.error("\(error)")
                }
            }
            await agent.run()
            group.cancelAll()
        }
        try await http.shutdown()
    }
}
