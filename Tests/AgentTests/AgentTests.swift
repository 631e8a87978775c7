@testable import Agent
import GitLabRunnerAPI
import JobExecution
import Logging
import RunnerConfiguration
import Synchronization
import Testing

@Suite(.timeLimit(.minutes(1))) struct AgentTests {
    func makeAgent(_ gitlab: MockGitLab, _ executor: MockExecutor, concurrent: Int = 4, limit: Int = 0, requestConcurrency: Int = 1, shutdownTimeout: Duration? = .seconds(3600)) -> Agent {
        let settings = RunnerSettings(name: "r1", url: "http://gitlab.invalid", token: "glrt-test", executor: .shell, limit: limit, requestConcurrency: requestConcurrency, buildsDir: "/tmp/unused")
        return Agent(
            runners: [AgentRunner(settings: settings, api: gitlab, executor: executor)], concurrent: concurrent,
            // A check interval of an hour: any test that passes did not wait for it.
            settings: Agent.Settings(checkInterval: .seconds(3600), shutdownTimeout: shutdownTimeout, systemID: "s_000000000001"),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
    }

    @Test func requestsTheNextJobAtOnceAfterOneArrives() async {
        let gitlab = MockGitLab()
        let executor = MockExecutor()
        for id in 1...3 { gitlab.enqueue(.job(.test(Int64(id)), lastUpdate: nil)) }
        let agent = makeAgent(gitlab, executor)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await agent.run() }
            await executor.waitForStarts(3)
            // All three run without waiting check_interval (an hour here); each job starts in its own task,
            // so their start order is the scheduler's.
            #expect(executor.started.sorted() == [1, 2, 3])
            agent.drain()
            for id in 1...3 { executor.release(Int64(id)) }
        }
    }

    @Test func acceptsWithStateRunningBeforeRunning() async {
        let gitlab = MockGitLab()
        let executor = MockExecutor(recordCall: { call in gitlab.state.withLock { $0.calls.append(call) } })
        gitlab.enqueue(.job(.test(7), lastUpdate: nil))
        let agent = makeAgent(gitlab, executor)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await agent.run() }
            await executor.waitForStarts(1)
            let calls = gitlab.calls
            let accept = calls.firstIndex(of: "update:7:running")
            let run = calls.firstIndex(of: "run:7")
            #expect(accept != nil && run != nil && accept! < run!)
            // The executor prepared (beside the accept) and kept what it prepared.
            let prepare = calls.firstIndex(of: "prepare:7")
            #expect(prepare != nil && run != nil && prepare! < run!)
            #expect(!calls.contains("discard:7"))
            agent.drain()
            executor.release(7)
        }
    }

    @Test func neverRunsMoreThanConcurrentJobs() async {
        let gitlab = MockGitLab()
        let executor = MockExecutor()
        for id in 1...5 { gitlab.enqueue(.job(.test(Int64(id)), lastUpdate: nil)) }
        let agent = makeAgent(gitlab, executor, concurrent: 2, requestConcurrency: 3)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await agent.run() }
            await executor.waitForStarts(2)
            // Two slots are busy, so no further request may be in flight.
            #expect(gitlab.requestCount == 2)
            executor.release(1)
            await executor.waitForStarts(3)
            #expect(gitlab.requestCount == 3)
            #expect(executor.maximumRunning == 2)
            agent.drain()
            for id in 2...3 { executor.release(Int64(id)) }
        }
    }

    @Test func runnerLimitCapsJobsBelowConcurrent() async {
        let gitlab = MockGitLab()
        let executor = MockExecutor()
        for id in 1...3 { gitlab.enqueue(.job(.test(Int64(id)), lastUpdate: nil)) }
        let agent = makeAgent(gitlab, executor, concurrent: 10, limit: 1, requestConcurrency: 2)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await agent.run() }
            await executor.waitForStarts(1)
            #expect(gitlab.requestCount == 1)
            executor.release(1)
            await executor.waitForStarts(2)
            #expect(executor.maximumRunning == 1)
            agent.drain()
            executor.release(2)
        }
    }

    @Test func drainLetsRunningJobsFinish() async {
        let gitlab = MockGitLab()
        let executor = MockExecutor()
        gitlab.enqueue(.job(.test(1), lastUpdate: nil))
        let agent = makeAgent(gitlab, executor, shutdownTimeout: .seconds(3600))
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await agent.run() }
            await executor.waitForStarts(1)
            agent.drain()
            #expect(agent.isDraining)
            executor.release(1)
        }
        #expect(executor.interrupted.isEmpty)
    }

    @Test func drainInterruptsJobsAfterTheShutdownTimeout() async {
        let gitlab = MockGitLab()
        let executor = MockExecutor()
        gitlab.enqueue(.job(.test(1), lastUpdate: nil))
        let agent = makeAgent(gitlab, executor, shutdownTimeout: .zero)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await agent.run() }
            await executor.waitForStarts(1)
            agent.drain()
        }
        #expect(executor.interrupted == [1])
    }

    @Test func recoveredJobsRunFirstAndCountTowardConcurrent() async {
        let gitlab = MockGitLab()
        let executor = MockExecutor(recoverable: [99])
        gitlab.enqueue(.job(.test(1), lastUpdate: nil))
        let agent = makeAgent(gitlab, executor, concurrent: 1)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await agent.run() }
            await executor.waitForStarts(1)
            #expect(executor.started == [99])
            // The only slot is the recovered job's: nothing may be requested yet.
            #expect(gitlab.requestCount == 0)
            #expect(!gitlab.calls.contains("update:99:running"), "a recovered job is not accepted again")
            executor.release(99)
            await executor.waitForStarts(2)
            #expect(executor.started == [99, 1])
            agent.drain()
            executor.release(1)
        }
    }

    @Test func jobCancelingAtAcceptIsReportedWithoutRunning() async {
        let gitlab = MockGitLab()
        gitlab.state.withLock { $0.acceptStatus = .canceling }
        let executor = MockExecutor(recordCall: { call in gitlab.state.withLock { $0.calls.append(call) } })
        gitlab.enqueue(.job(.test(9), lastUpdate: nil))
        let agent = makeAgent(gitlab, executor)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await agent.run() }
            let final = await gitlab.finalUpdate(of: 9)
            #expect(final.state == .failed)
            agent.drain()
        }
        #expect(executor.started.isEmpty)
        // What the executor prepared beside the accept is undone before the job is reported.
        let calls = gitlab.calls
        let discard = calls.firstIndex(of: "discard:9")
        #expect(calls.contains("prepare:9") && discard != nil)
        #expect(discard.map { $0 < calls.lastIndex { $0.hasPrefix("update:9:") }! } == true)
    }

    @Test func malformedPayloadIsFailedAsSystemFailure() async {
        let gitlab = MockGitLab()
        let executor = MockExecutor()
        gitlab.enqueue(.malformedJob(id: 5, token: "glcbt-5", problem: "missing key `steps`"))
        let agent = makeAgent(gitlab, executor)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await agent.run() }
            let final = await gitlab.finalUpdate(of: 5)
            #expect(final.state == .failed)
            #expect(final.failureReason == "runner_system_failure")
            agent.drain()
        }
        let patched = gitlab.state.withLock { $0.patches.filter { $0.id == 5 }.flatMap(\.bytes) }
        #expect(String(decoding: patched, as: UTF8.self).contains("missing key `steps`"))
    }
}
