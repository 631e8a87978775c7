import Foundation
import GitLabRunnerAPI
@testable import JobExecution
import Logging
import Synchronization
import Testing

@Suite(.timeLimit(.minutes(1))) struct TraceUploaderTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("uploader-\(UUID().uuidString)")

    func makeTrace(_ text: String, limit: Int = 1 << 20) throws -> TraceBuffer {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let trace = try TraceBuffer(path: directory.appendingPathComponent("trace.log").path, outputLimit: limit, masker: SecretMasker(secrets: []))
        trace.write(text)
        trace.finish()
        return trace
    }

    func makeUploader(_ api: ScriptedJobAPI, _ trace: TraceBuffer, control: JobControl = JobControl(), patchSize: Int = 1 << 20) -> TraceUploader {
        var timing = TraceUploader.Timing()
        timing.maximumPatchSize = patchSize
        timing.finalUpdateBackoff = .milliseconds(1)
        return TraceUploader(jobID: 1, jobToken: "t", api: api, trace: trace, control: control, timing: timing, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    @Test func patchesAreContiguousAndCapped() async throws {
        let text = String(repeating: "abcdefghij", count: 100)
        let trace = try makeTrace(text)
        let api = ScriptedJobAPI()
        let uploader = makeUploader(api, trace, patchSize: 300)
        #expect(await uploader.finish(state: .success, failureReason: nil, exitCode: nil))
        let patches = api.state.withLock { $0.patches }
        #expect(patches.map(\.offset) == [0, 300, 600, 900])
        #expect(patches.map(\.count) == [300, 300, 300, 100])
        #expect(api.state.withLock { $0.serverTrace } == Array(text.utf8))
        let final = try #require(api.state.withLock { $0.updates.last })
        #expect(final.state == .success)
        #expect(final.output == trace.output)
        #expect(final.output?.bytesize == 1000)
    }

    @Test func lostResponseAfterAppendIsResynchronisedWithoutDuplicates() async throws {
        let trace = try makeTrace("hello world, exactly once\n")
        let api = ScriptedJobAPI()
        api.state.withLock { $0.appendThenFail = 1 }
        let uploader = makeUploader(api, trace)
        #expect(await uploader.finish(state: .success, failureReason: nil, exitCode: nil))
        #expect(api.state.withLock { $0.serverTrace } == Array("hello world, exactly once\n".utf8))
    }

    @Test func serverThatLostBytesGetsThemAgain() async throws {
        let trace = try makeTrace("0123456789")
        let api = ScriptedJobAPI()
        // The server claims to hold only 4 bytes although we sent 10: we resend from 4.
        api.state.withLock { state in
            state.serverTrace = Array("0123".utf8)
        }
        let uploader = makeUploader(api, trace)
        #expect(await uploader.finish(state: .success, failureReason: nil, exitCode: nil))
        let patches = api.state.withLock { $0.patches }
        #expect(patches.map(\.offset) == [0, 4])
        #expect(api.state.withLock { $0.serverTrace } == Array("0123456789".utf8))
    }

    @Test func traceValidationFailureResendsTheWholeTrace() async throws {
        let trace = try makeTrace("abc")
        let api = ScriptedJobAPI()
        api.state.withLock { $0.updateOverrides = [.traceValidationFailed] }
        let uploader = makeUploader(api, trace)
        #expect(await uploader.finish(state: .failed, failureReason: "script_failure", exitCode: 2))
        // After 412 the uploader restarts from offset 0; the server (holding 3 bytes) answers 416 with 3.
        let offsets = api.state.withLock { $0.patches.map(\.offset) }
        #expect(offsets == [0, 0])
        let updates = api.state.withLock { $0.updates }
        #expect(updates.count == 2)
        #expect(updates.last?.exitCode == 2)
    }

    @Test func pendingFinalUpdateIsRepeated() async throws {
        let trace = try makeTrace("x")
        let api = ScriptedJobAPI()
        api.state.withLock { $0.updateOverrides = [.acceptedPending(retryAfter: 0, nil), .acceptedPending(retryAfter: 0, nil)] }
        let uploader = makeUploader(api, trace)
        #expect(await uploader.finish(state: .success, failureReason: nil, exitCode: nil))
        #expect(api.state.withLock { $0.updates.count } == 3)
    }

    @Test func forbiddenPatchAbortsTheJob() async throws {
        let trace = try makeTrace("x")
        let api = ScriptedJobAPI()
        api.state.withLock { $0.patchOverrides = [.aborted(.canceled)] }
        let control = JobControl()
        let uploader = makeUploader(api, trace, control: control)
        #expect(await uploader.finish(state: .success, failureReason: nil, exitCode: nil) == false)
        #expect(control.stop == .abort)
        #expect(api.state.withLock { $0.updates.isEmpty })
    }

    @Test func cancelingStatusRequestsAGracefulStop() async throws {
        let trace = try makeTrace("x")
        let api = ScriptedJobAPI()
        api.state.withLock { $0.statusOnPatch = .canceling }
        let control = JobControl()
        let uploader = makeUploader(api, trace, control: control)
        await uploader.flush()
        #expect(control.stop == .cancel)
    }
}
