import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The "pause" sandbox of a pod with `shareProcessNamespace: true`: a `bwrap` whose pid
/// namespace every container joins, with bwrap's init as PID 1 reaping orphans (as the pause
/// container does).
final class PodPauseSandbox: Sendable {
    let process: SpawnedProcess
    /// Descriptor of the shared pid namespace (`/proc/<pid>/ns/pid`), close-on-exec.
    let pidNamespaceDescriptor: Int32

    private init(process: SpawnedProcess, pidNamespaceDescriptor: Int32) {
        self.process = process
        self.pidNamespaceDescriptor = pidNamespaceDescriptor
    }

    /// Starts the pause sandbox.
    static func start(bubblewrap: String, hostname: String) async throws(ContainerLauncher.Failure) -> PodPauseSandbox {
        guard let sleep = Bubblewrap.findExecutable("sleep") else { throw ContainerLauncher.Failure(message: "no sleep executable for the pause sandbox") }
        let log = ContainerLog(retentionBytes: 4096)
        let request = LaunchRequest(argv: [sleep, "infinity"], environment: ["PATH": ContainerEnvironment.defaultPath],
                                    workingDirectory: "/", hostname: hostname, binds: [], pidNamespaceDescriptor: nil)
        var arguments = [bubblewrap, "--die-with-parent", "--unshare-pid", "--unshare-uts", "--unshare-ipc",
                         "--hostname", hostname, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
                         "--info-fd", "3", "--"]
        arguments += request.argv
        guard let (infoRead, infoWrite) = GlibcSymbols.closeOnExecPipe() else {
            throw ContainerLauncher.Failure(message: "pipe failed")
        }
        let process: SpawnedProcess
        do {
            process = try SpawnedProcess.spawn(arguments, environment: request.environment, descriptors: [(infoWrite, 3)])
        } catch {
            close(infoRead)
            close(infoWrite)
            throw ContainerLauncher.Failure(message: error.message)
        }
        close(infoWrite)
        log.capture(from: process.outputDescriptor)
        let info = AsyncOnce<Int64?>()
        DedicatedThread.start {
            var text: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(infoRead, $0.baseAddress, $0.count) }
                if count > 0 {
                    text += buffer[0..<count]
                    if String(decoding: text, as: UTF8.self).withoutSurroundingWhitespace.hasSuffix("}") { break }
                } else if count < 0, errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            close(infoRead)
            info.set((try? SimulatedJSON(parsing: text))?["child-pid"]?.intValue)
        }
        guard let childPID = await info.wait() ?? nil else {
            process.signalGroup(SIGKILL)
            throw ContainerLauncher.Failure(message: "the pause sandbox did not start")
        }
        let descriptor = open("/proc/\(childPID)/ns/pid", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            process.signalGroup(SIGKILL)
            throw ContainerLauncher.Failure(message: "cannot open the pause sandbox's pid namespace")
        }
        return PodPauseSandbox(process: process, pidNamespaceDescriptor: descriptor)
    }

    /// Kills everything in the shared namespace and closes the descriptor.
    func stop() {
        process.signalGroup(SIGKILL)
        process.signal(SIGKILL)
        close(pidNamespaceDescriptor)
    }
}
