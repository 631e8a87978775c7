import Foundation
import Pipeline

/// A temporary project directory holding pipeline files.
struct PipelineFixture {
    let directory: String

    init(_ files: [String: String]) throws {
        directory = NSTemporaryDirectory() + "pipeline-" + UUID().uuidString.prefix(8)
        for (path, text) in files {
            let url = URL(fileURLWithPath: directory).appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    func load(_ file: String = ".gitlab-ci.yml") throws -> PipelineDocument {
        try PipelineDocument.load(file: directory + "/" + file, projectDirectory: directory)
    }

    func job(_ name: String) throws -> PipelineJob {
        try PipelineJob(named: name, in: load())
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
