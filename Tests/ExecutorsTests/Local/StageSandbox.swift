import Executors
import Foundation
import Glibc

/// A private temporary directory holding a test's scripts and working directory; removed on deinit.
final class StageSandbox {
    /// The sandbox root.
    let root: String
    /// Where stage scripts are written (does not exist until the first stage starts).
    let scriptsDirectory: String
    /// The stage's working directory (does not exist until the first stage starts).
    let workingDirectory: String
    /// A minimal environment that lets scripts find the usual tools.
    static let environment = ["PATH": "/usr/local/bin:/usr/bin:/bin"]

    init() {
        var template = Array("/tmp/flywheel-local-stage-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(created != nil, "cannot create a temporary directory: \(String(cString: strerror(errno)))")
        root = String(cString: created!)
        scriptsDirectory = root + "/scripts"
        workingDirectory = root + "/work/project"
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// A runner for this sandbox.
    func runner(shell: String = "bash", environment: [String: String] = StageSandbox.environment) -> LocalStageRunner {
        LocalStageRunner(shell: shell, scriptsDirectory: scriptsDirectory, workingDirectory: workingDirectory, environment: environment)
    }
}
