import Executors
import Foundation
import Kubernetes
import Testing

@Suite struct ExecutorProfileTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("executors").path

    @Test(arguments: ["docker", "dind", "rocky8", "rocky9", "nix"])
    func shippedProfilesParse(name: String) throws {
        let profile = try ExecutorProfile.load(named: name, directory: Self.directory)
        #expect(profile.name == name)
        #expect(!profile.image.default.isEmpty)
    }

    @Test func rockyProfilesFixTheImage() throws {
        for name in ["rocky8", "rocky9", "nix"] {
            #expect(try ExecutorProfile.load(named: name, directory: Self.directory).image.allowJobImage == false)
        }
        #expect(try ExecutorProfile.load(named: "docker", directory: Self.directory).image.allowJobImage)
    }

    @Test func unknownTopLevelKeyNamesFileAndKey() {
        #expect(throws: ExecutorProfileError(file: "x.yaml", key: "imgae", message: "unknown key; known keys are build, description, image, initContainers, name, nix, pod, services, sidecars")) {
            try ExecutorProfile.parse("name: x\nimgae: {default: alpine}\n", file: "x.yaml")
        }
    }

    @Test func missingDefaultImageIsNamed() throws {
        do {
            _ = try ExecutorProfile.parse("name: x\nimage: {allowJobImage: true}\n", file: "x.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "x.yaml")
            #expect(error.key == "image.default")
        }
    }

    @Test func wrongTypeIsNamed() throws {
        do {
            _ = try ExecutorProfile.parse("name: x\nimage: {default: alpine}\npod: {nodeSelector: [a, b]}\n", file: "x.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.key == "pod.nodeSelector")
        }
    }

    @Test func reservedContainerNameIsRefused() throws {
        do {
            _ = try ExecutorProfile.parse("name: x\nimage: {default: alpine}\nsidecars: [{name: supervisor, image: evil}]\n", file: "x.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.key == "sidecars[0].name")
        }
    }

    @Test func invalidYAMLIsReported() throws {
        do {
            _ = try ExecutorProfile.parse("name: [unclosed\n", file: "bad.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "bad.yaml")
            #expect(error.message.contains("invalid YAML"))
        }
    }
}
