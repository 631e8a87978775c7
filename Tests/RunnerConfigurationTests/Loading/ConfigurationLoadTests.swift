import Foundation
import Testing
@testable import RunnerConfiguration

@Suite("Loading from a file")
struct ConfigurationLoadTests {
    @Test func loadsAFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("concurrent = 3\n" + ConfigurationText.runner(), to: "config.toml")
        let configuration = try AgentConfiguration.load(path: path)
        #expect(configuration.concurrent == 3)
        #expect(configuration.runners.first?.buildsDir == directory.file("builds"))
    }

    @Test func missingFileSaysWhatToDo() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("config.toml")
        let error = try #require(throws: ConfigurationError.self) {
            try AgentConfiguration.load(path: path)
        }
        #expect(error.path == path)
        #expect(error.line == nil)
        #expect(error.message.contains("not found"))
        #expect(error.message.contains("flywheel register"))
    }

    @Test func errorsCarryTheFilePath() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("concurrent = 0\n", to: "config.toml")
        let error = try #require(throws: ConfigurationError.self) {
            try AgentConfiguration.load(path: path)
        }
        #expect(error.description.hasPrefix("\(path):1: concurrent: "))
    }

    @Test func invalidUTF8IsReported() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("config.toml")
        #expect(FileManager.default.createFile(atPath: path, contents: Data([0x61, 0x20, 0x3D, 0x20, 0xFF])))
        let error = try #require(throws: ConfigurationError.self) {
            try AgentConfiguration.load(path: path)
        }
        #expect(error.message.contains("UTF-8"))
    }
}
