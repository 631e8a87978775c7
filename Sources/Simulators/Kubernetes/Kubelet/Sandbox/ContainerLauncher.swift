import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts container processes, under `bwrap` or as plain processes.
enum ContainerLauncher {
    /// Why a launch failed before the command ran (becomes a `StartError`).
    struct Failure: Error, Sendable {
        var message: String
    }

    /// The `bwrap` arguments for `request`, up to and including `--`.
    static func bubblewrapArguments(_ request: LaunchRequest, executable: String) -> [String] {
        var arguments = [executable, "--die-with-parent", "--new-session"]
        if request.pidNamespaceDescriptor != nil {
            arguments += ["--pidns", "4"]
        } else {
            arguments += ["--unshare-pid", "--as-pid-1"]
        }
        arguments += ["--unshare-uts", "--unshare-ipc", "--hostname", request.hostname]
        let targets = request.binds.map(\.target)
        arguments += RootFilesystemPlan.arguments(mountTargets: targets)
        if FileManager.default.fileExists(atPath: "/sys") { arguments += ["--ro-bind", "/sys", "/sys"] }
        arguments += ["--dev", "/dev", "--proc", "/proc"]
        for directory in ["/tmp", "/run", "/root"] where !targets.contains(directory) {
            arguments += ["--tmpfs", directory]
        }
        for bind in request.binds.sorted(by: { ($0.target.split(separator: "/").count, $0.target) < ($1.target.split(separator: "/").count, $1.target) }) {
            arguments += [bind.readOnly ? "--ro-bind" : "--bind", bind.source, bind.target]
        }
        arguments += ["--chdir", request.workingDirectory, "--info-fd", "3", "--"]
        return arguments
    }

    /// Starts `request` under `bwrap` and waits for the sandbox to report its child's pid.
    /// The output pipe is handed to `log` for capture.
    static func launchSandboxed(_ request: LaunchRequest, bubblewrap: String, log: ContainerLog) async throws(Failure) -> LaunchedContainer {
        guard let (infoRead, infoWrite) = GlibcSymbols.closeOnExecPipe() else {
            throw Failure(message: "pipe: \(String(cString: strerror(errno)))")
        }
        var descriptors: [(source: Int32, target: Int32)] = [(infoWrite, 3)]
        if let namespace = request.pidNamespaceDescriptor { descriptors.append((namespace, 4)) }
        let process: SpawnedProcess
        do {
            process = try SpawnedProcess.spawn(bubblewrapArguments(request, executable: bubblewrap) + request.argv,
                                               environment: request.environment, descriptors: descriptors)
        } catch {
            close(infoRead)
            close(infoWrite)
            throw Failure(message: error.message)
        }
        close(infoWrite)
        log.capture(from: process.outputDescriptor)
        let info = AsyncOnce<String>()
        let reading = DedicatedThread.start {
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
            info.set(String(decoding: text, as: UTF8.self))
        }
        if !reading {
            close(infoRead)
            info.set("")
        }
        let text = await info.wait() ?? ""
        guard let json = try? SimulatedJSON(parsing: Array(text.utf8)), let pid = json["child-pid"]?.intValue else {
            throw Failure(message: "bwrap could not set up the container sandbox (see the container log)")
        }
        return LaunchedContainer(process: process, mainPID: Int32(pid))
    }

    /// Starts `request` as a plain process in its own session (no namespaces, no mounts).
    static func launchPlain(_ request: LaunchRequest, log: ContainerLog) throws(Failure) -> LaunchedContainer {
        var argv = request.argv
        if let first = argv.first, !first.contains("/") {
            argv[0] = resolve(first, path: request.environment["PATH"] ?? ContainerEnvironment.defaultPath) ?? first
        }
        var directory = request.workingDirectory
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue { directory = "/" }
        do {
            let process = try SpawnedProcess.spawn(argv, environment: request.environment, workingDirectory: directory)
            log.capture(from: process.outputDescriptor)
            return LaunchedContainer(process: process, mainPID: process.pid)
        } catch {
            throw Failure(message: error.message)
        }
    }

    private static func resolve(_ name: String, path: String) -> String? {
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Why `command` cannot be executed in the container (containerd's `StartError` message),
    /// or `nil` when it can. Paths are checked on the host, through the container's binds.
    static func startProblem(_ command: String, request: LaunchRequest, sandboxed: Bool) -> String? {
        let prefix = "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: "
        func hostPath(_ path: String) -> String? {
            let normalized = (path as NSString).standardizingPath
            if sandboxed {
                if let bind = request.binds.filter({ normalized == $0.target || normalized.hasPrefix($0.target + "/") })
                    .max(by: { $0.target.count < $1.target.count }) {
                    return bind.source + normalized.dropFirst(bind.target.count)
                }
                for fresh in ["/tmp", "/run", "/root", "/proc", "/dev"] where normalized == fresh || normalized.hasPrefix(fresh + "/") {
                    return nil
                }
            }
            return normalized
        }
        func problem(at path: String) -> String? {
            guard let host = hostPath(path) else { return "stat \(path): no such file or directory" }
            var info = stat()
            guard stat(host, &info) == 0 else { return "stat \(path): no such file or directory" }
            if (info.st_mode & S_IFMT) == S_IFDIR || access(host, X_OK) != 0 { return "permission denied" }
            return nil
        }
        if command.contains("/") {
            let path = command.hasPrefix("/") ? command : request.workingDirectory + "/" + command
            if let failure = problem(at: path) { return prefix + "exec: \"\(command)\": \(failure): unknown" }
            return nil
        }
        let searchPath = request.environment["PATH"] ?? ContainerEnvironment.defaultPath
        for directory in searchPath.split(separator: ":") where problem(at: "\(directory)/\(command)") == nil {
            return nil
        }
        return prefix + "exec: \"\(command)\": executable file not found in $PATH: unknown"
    }
}
