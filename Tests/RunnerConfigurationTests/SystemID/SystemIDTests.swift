import Foundation
import Testing
@testable import RunnerConfiguration

@Suite("System id")
struct SystemIDTests {
    /// Calls the testable entry point with no environment variables.
    private func systemID(configPath: String, environment: [String: String] = [:], hostName: String? = "host-a") throws(SystemIDError) -> String {
        try SystemID.loadOrCreate(configPath: configPath, environment: environment, systemHostName: { hostName })
    }

    @Test func createsAndReusesTheFile() throws {
        let directory = try TemporaryDirectory()
        let configPath = directory.file("config.toml")
        let id = try systemID(configPath: configPath)
        #expect(id.hasPrefix("s_"))
        #expect(id.count == 14)
        #expect(id.dropFirst(2).allSatisfy { "0123456789abcdef".contains($0) })

        let filePath = directory.file(".runner_system_id")
        #expect(try String(contentsOfFile: filePath, encoding: .utf8) == id)
        let attributes = try FileManager.default.attributesOfItem(atPath: filePath)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o644)

        #expect(try systemID(configPath: configPath) == id)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers == [".runner_system_id"])
    }

    @Test func newIDsAreRandom() throws {
        let first = try TemporaryDirectory(), second = try TemporaryDirectory()
        #expect(try systemID(configPath: first.file("config.toml")) != systemID(configPath: second.file("config.toml")))
    }

    @Test func existingFileIsTrimmedAndUsed() throws {
        let directory = try TemporaryDirectory()
        try directory.write("r_ABCdef012345\n", to: ".runner_system_id")
        #expect(try systemID(configPath: directory.file("config.toml")) == "r_ABCdef012345")
    }

    @Test(arguments: ["", "s_short", "x_0123456789ab", "s_0123456789abc", "s_01234567-9ab", "s_0123456789ab extra"])
    func malformedFileIsAnErrorNamingTheFile(_ contents: String) throws {
        let directory = try TemporaryDirectory()
        let filePath = try directory.write(contents, to: ".runner_system_id")
        let error = try #require(throws: SystemIDError.self) {
            try systemID(configPath: directory.file("config.toml"))
        }
        #expect(error == .malformedFile(path: filePath, contents: contents))
        #expect(error.description.hasPrefix("\(filePath): malformed system id"))
        #expect(try String(contentsOfFile: filePath, encoding: .utf8) == contents, "the file is left alone")
    }

    @Test func overrideComesFirst() throws {
        let directory = try TemporaryDirectory()
        try directory.write("s_000000000000", to: ".runner_system_id")
        let id = try systemID(configPath: directory.file("config.toml"), environment: ["FLYWHEEL_SYSTEM_ID": "s_override1234"])
        #expect(id == "s_override1234")
    }

    @Test func emptyOverrideIsIgnored() throws {
        let directory = try TemporaryDirectory()
        try directory.write("s_000000000000", to: ".runner_system_id")
        #expect(try systemID(configPath: directory.file("config.toml"), environment: ["FLYWHEEL_SYSTEM_ID": ""]) == "s_000000000000")
    }

    @Test func invalidOverrideIsAnError() throws {
        let directory = try TemporaryDirectory()
        let error = try #require(throws: SystemIDError.self) {
            try systemID(configPath: directory.file("config.toml"), environment: ["FLYWHEEL_SYSTEM_ID": "not-an-id"])
        }
        #expect(error == .invalidOverride(value: "not-an-id"))
        #expect(error.description.contains("FLYWHEEL_SYSTEM_ID"))
    }

    @Test func missingDirectoryIsAnError() throws {
        let directory = try TemporaryDirectory()
        let error = try #require(throws: SystemIDError.self) {
            try systemID(configPath: directory.file("absent/config.toml"))
        }
        guard case .cannotCreate(let path, _) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(path == directory.file("absent/.runner_system_id"))
    }

    @Test func derivedIDIsStableFNV1aOfTheHostName() {
        // FNV-1a 64 of "" is the offset basis cbf29ce484222325; of "a" it is af63dc4c8601ec8c.
        #expect(FNV1a.hash64("".utf8) == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a.hash64("a".utf8) == 0xaf63_dc4c_8601_ec8c)
        #expect(SystemID.derived(fromHostName: "a") == "s_af63dc4c8601")
        #expect(SystemID.derived(fromHostName: "runner-7f9c-0") == SystemID.derived(fromHostName: "runner-7f9c-0"))
        #expect(SystemID.derived(fromHostName: "runner-7f9c-0") != SystemID.derived(fromHostName: "runner-7f9c-1"))
        #expect(SystemID.isValid(SystemID.derived(fromHostName: "anything")))
    }

    /// A directory that cannot be written even by root: sysfs refuses new files.
    private static var readOnlyDirectory: String? {
        let probe = "/sys/.flywheel-write-probe"
        guard FileManager.default.fileExists(atPath: "/sys/kernel") else { return nil }
        if FileManager.default.createFile(atPath: probe, contents: nil) {
            try? FileManager.default.removeItem(atPath: probe)
            return nil
        }
        return "/sys"
    }

    @Test(.enabled(if: readOnlyDirectory != nil, "needs a directory that cannot be written"))
    func readOnlyDirectoryFallsBackToTheHostName() throws {
        let directory = try #require(Self.readOnlyDirectory)
        let configPath = directory + "/config.toml"
        let fromEnvironment = try systemID(configPath: configPath, environment: ["HOSTNAME": "pod-1"], hostName: "ignored")
        #expect(fromEnvironment == SystemID.derived(fromHostName: "pod-1"))
        #expect(try systemID(configPath: configPath, environment: ["HOSTNAME": "pod-2"]) != fromEnvironment)
        #expect(try systemID(configPath: configPath, environment: [:], hostName: "node-x") == SystemID.derived(fromHostName: "node-x"))
    }

    @Test func validation() {
        #expect(SystemID.isValid("s_0123456789ab"))
        #expect(SystemID.isValid("r_ABCDEFGHIJKL"))
        #expect(!SystemID.isValid("s_0123456789a"))
        #expect(!SystemID.isValid("t_0123456789ab"))
        #expect(!SystemID.isValid("s-0123456789ab"))
        #expect(!SystemID.isValid("s_0123456789aé"))
    }
}
