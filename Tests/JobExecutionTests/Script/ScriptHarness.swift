import Foundation
import JobExecution

/// Runs stage scripts and helper commands as real processes, the way a stage runner would.
enum ScriptHarness {
    struct Result {
        var status: Int32
        var output: String
    }

    /// The shells every script must work in: dash (Debian's `/bin/sh`) and bash.
    static let shells = ["/bin/sh", "/bin/bash"]

    /// An environment with nothing of the test process but `PATH`, and a private `HOME`.
    static func environment(home: String) -> [String: String] {
        [
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": home,
            "GIT_CONFIG_NOSYSTEM": "1",
            "LC_ALL": "C.UTF-8",
        ]
    }

    /// Writes `stage` to `<directory>/<name>` and runs it as `<shell> <script>` in `directory`.
    static func run(_ stage: StageScript, shell: String, in directory: String, home: String) throws -> Result {
        let path = directory + "/" + stage.name + ".sh"
        try stage.text.write(toFile: path, atomically: true, encoding: .utf8)
        return try run(shell, [path], in: directory, environment: environment(home: home))
    }

    /// Runs `executable` with `arguments`, stdout and stderr merged, stdin from `/dev/null`.
    static func run(_ executable: String, _ arguments: [String], in directory: String, environment: [String: String], input: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let inputPipe = Pipe()
        if input != nil {
            process.standardInput = inputPipe
        } else {
            process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        }
        try process.run()
        if let input {
            inputPipe.fileHandleForWriting.write(Data(input.utf8))
            try inputPipe.fileHandleForWriting.close()
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// Runs `git` with a fixed identity; throws when it fails.
    @discardableResult
    static func git(_ arguments: [String], in directory: String, home: String) throws -> String {
        var environment = environment(home: home)
        environment["GIT_AUTHOR_NAME"] = "Test"
        environment["GIT_AUTHOR_EMAIL"] = "test@example.com"
        environment["GIT_COMMITTER_NAME"] = "Test"
        environment["GIT_COMMITTER_EMAIL"] = "test@example.com"
        let result = try run("/usr/bin/git", arguments, in: directory, environment: environment)
        guard result.status == 0 else { throw HarnessFailure(description: "git \(arguments.joined(separator: " ")) failed: \(result.output)") }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

struct HarnessFailure: Error, CustomStringConvertible {
    var description: String
}
