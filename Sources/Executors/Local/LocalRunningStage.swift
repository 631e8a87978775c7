import Glibc
import JobExecution
import Synchronization

/// A stage script running as a local process group; the handle returned by ``LocalStageRunner``.
///
/// Two dedicated threads watch the stage:
/// - the *output pump* reads the pipe shared by the shell's stdout and stderr in 64 KiB chunks and
///   hands every byte, in order, to the stage's `TraceWriter`;
/// - the *reaper* waits for the shell to exit, SIGKILLs whatever is left of its process group (leftover
///   background jobs would otherwise hold the pipe open and hang the stage), reaps the shell and then
///   tells the pump via a wake-up pipe.
///
/// After the shell is gone the pump keeps reading until end-of-file, but at most for the drain timeout
/// (5 s): a process that escaped the group (`setsid`, double fork) may hold the pipe forever, so its
/// further output is dropped with a warning. The pump then publishes the result, so ``wait()`` returns
/// only once the shell has exited and all output was delivered.
final class LocalRunningStage: RunningStage, Sendable {
    /// Line written to the trace when output is abandoned after the drain timeout.
    static let abandonedOutputWarning =
        "WARNING: a process left by the stage kept its output open; its further output is dropped\n"
    /// Size of one read from the output pipe.
    static let chunkSize = 64 * 1024

    /// Process ID of the shell, which is also its process group ID.
    let processID: pid_t
    private let output: any TraceWriter
    private let outputDescriptor: Int32
    private let wakeReadDescriptor: Int32
    private let wakeWriteDescriptor: Int32
    private let drainTimeout: Duration
    private let state = Mutex(LocalStageState())

    private init(shell: SpawnedShell, wakeRead: Int32, wakeWrite: Int32, output: any TraceWriter, drainTimeout: Duration) {
        self.processID = shell.pid
        self.outputDescriptor = shell.outputDescriptor
        self.wakeReadDescriptor = wakeRead
        self.wakeWriteDescriptor = wakeWrite
        self.output = output
        self.drainTimeout = drainTimeout
    }

    /// Starts watching `shell`: its output goes to `output`.
    ///
    /// - Throws: the failing call when the wake-up pipe or a thread cannot be created; the shell's
    ///   process group has then been killed and reaped, and all descriptors are closed.
    static func watch(_ shell: SpawnedShell, output: any TraceWriter, drainTimeout: Duration) throws(SystemCallFailure) -> LocalRunningStage {
        guard let wake = GlibcExtensions.pipe2(flags: O_CLOEXEC) else {
            let failure = SystemCallFailure("create the stage wake-up pipe")
            abandon(shell)
            throw failure
        }
        let stage = LocalRunningStage(shell: shell, wakeRead: wake.read, wakeWrite: wake.write, output: output, drainTimeout: drainTimeout)
        do {
            try StageThread.start(name: "stage-output") { stage.pumpOutput() }
        } catch {
            close(wake.read)
            close(wake.write)
            abandon(shell)
            throw error
        }
        do {
            try StageThread.start(name: "stage-reaper") { stage.reapShell() }
        } catch {
            // The output thread is running: kill the stage and reap it here; the output thread then
            // sees end-of-file and the wake-up, and closes its descriptors itself.
            _ = Glibc.kill(-shell.pid, SIGKILL)
            stage.reapShell()
            throw error
        }
        return stage
    }

    /// Kills and reaps a shell nobody will watch, and closes its pipe.
    private static func abandon(_ shell: SpawnedShell) {
        _ = Glibc.kill(-shell.pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(shell.pid, &status, 0) == -1 && errno == EINTR {}
        close(shell.outputDescriptor)
    }

    // MARK: RunningStage

    func wait() async -> StageExit {
        if let result = state.withLock({ $0.result }) { return result }
        return await withCheckedContinuation { continuation in
            let ready: StageExit? = state.withLock { state in
                if let result = state.result { return result }
                state.waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    func terminate() {
        signalGroup(SIGTERM)
    }

    func kill() {
        signalGroup(SIGKILL)
    }

    /// Sends `signal` to the whole process group while the shell has not been reaped yet.
    ///
    /// The shell's pid (= the group ID) cannot be reused before it is reaped, and reaping happens
    /// under the same lock, so this never signals an unrelated group.
    private func signalGroup(_ signal: Int32) {
        state.withLock { state in
            if state.processGroupAlive {
                _ = Glibc.kill(-processID, signal)
            }
        }
    }

    // MARK: Reaper thread

    /// Waits for the shell to exit, kills the rest of its group, reaps it and wakes the output pump.
    private func reapShell() {
        // Wait without reaping, so the group ID stays reserved while the leftovers are killed.
        var info = siginfo_t()
        var exited = true
        while waitid(P_PID, id_t(processID), &info, WEXITED | WNOWAIT) != 0 {
            if errno == EINTR { continue }
            // ECHILD: someone else reaped the shell (e.g. SIGCHLD is ignored process-wide).
            exited = false
            break
        }
        state.withLock { state in
            var exit: StageExit?
            if exited {
                _ = Glibc.kill(-processID, SIGKILL)
                var status: Int32 = 0
                while true {
                    let reaped = waitpid(processID, &status, 0)
                    if reaped == processID {
                        exit = StageExit(waitStatus: status)
                        break
                    }
                    if reaped == -1 && errno == EINTR { continue }
                    break
                }
            }
            state.processGroupAlive = false
            state.shellExit = exit
        }
        close(wakeWriteDescriptor)
    }

    // MARK: Output thread

    /// Copies the output pipe to the trace writer until end-of-file (or the drain timeout after the
    /// shell exited), then waits for the reaper and publishes the result.
    private func pumpOutput() {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        defer { buffer.deallocate() }

        var outputOpen = true
        var shellGone = false
        var deadline: ContinuousClock.Instant?
        var problem: String?

        while outputOpen {
            var descriptors = [
                pollfd(fd: outputDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: shellGone ? -1 : wakeReadDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            var timeout: Int32 = -1
            if let deadline {
                let remaining = deadline - .now
                if remaining <= .zero {
                    problem = Self.abandonedOutputWarning
                    break
                }
                timeout = Self.milliseconds(roundingUp: remaining)
            }
            let ready = poll(&descriptors, 2, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                problem = "WARNING: waiting for the stage's output failed (\(SystemCallFailure("poll").systemMessage)); its further output is dropped\n"
                break
            }
            if !shellGone && descriptors[1].revents != 0 {
                // The reaper closed its end: the shell is gone, start the drain clock.
                shellGone = true
                deadline = .now + drainTimeout
            }
            if descriptors[0].revents != 0 {
                let count = read(outputDescriptor, buffer.baseAddress, buffer.count)
                if count > 0 {
                    output.write(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                } else if count == 0 {
                    outputOpen = false
                } else if errno != EINTR && errno != EAGAIN {
                    problem = "WARNING: reading the stage's output failed (\(SystemCallFailure("read").systemMessage)); its further output is dropped\n"
                    break
                }
            }
        }
        close(outputDescriptor)

        if !shellGone {
            // All output arrived before the shell was reaped (it closed stdout and stderr early):
            // block until the reaper closes its end of the wake-up pipe.
            var byte: UInt8 = 0
            while read(wakeReadDescriptor, &byte, 1) == -1 && errno == EINTR {}
        }
        close(wakeReadDescriptor)

        if let problem { output.write(problem) }
        let shellExit = state.withLock { $0.shellExit }
        let result: StageExit
        if let shellExit {
            result = shellExit
        } else {
            output.write("WARNING: the exit status of the stage's shell could not be collected (it was reaped elsewhere); treating the stage as failed\n")
            result = .exited(1)
        }
        publish(result)
    }

    /// Stores the final result and resumes every waiting `wait()` exactly once.
    private func publish(_ result: StageExit) {
        let waiters = state.withLock { state in
            state.result = result
            let waiters = state.waiters
            state.waiters = []
            return waiters
        }
        for waiter in waiters { waiter.resume(returning: result) }
    }

    /// `duration` in whole milliseconds, rounded up and clamped to what `poll` accepts.
    private static func milliseconds(roundingUp duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: max(millis, 1))
    }
}
