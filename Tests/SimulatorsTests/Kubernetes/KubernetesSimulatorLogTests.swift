import Foundation
import NIOHTTP1
import Simulators
import Testing

@Suite(.timeLimit(.minutes(2)), .enabled(if: bubblewrapUsable, "bwrap (Debian package bubblewrap) is missing or cannot create namespaces here"))
struct KubernetesSimulatorLogTests {
    let pods = "/api/v1/namespaces/default/pods"

    @Test func followStreamsUntilTheContainerEnds() async throws {
        try await withKubernetesSimulator { simulator, client in
            _ = try await client.createPod(TestPods.shell("follow", "echo one; sleep 0.3; echo two; sleep 0.3; printf three"))
            // Running, or already done under load: following a finished container returns its whole log too.
            try await simulator.waitForPod("follow") { TestPods.containerStatus($0, "build")?["state"]?["running"] != nil || TestPods.isDone($0) }
            let stream = try await client.stream("\(pods)/follow/log?follow=true&container=build")
            #expect(stream.status == 200)
            #expect(stream.headers.first(name: "Content-Type") == "text/plain")
            let text = String(decoding: try await stream.readToEnd(), as: UTF8.self)
            #expect(text == "one\ntwo\nthree", "a final line without newline is kept as-is")
            let pod = try await simulator.waitForPod("follow", until: TestPods.isDone)
            #expect(TestPods.phase(pod) == "Succeeded")
        }
    }

    @Test func timestampsSinceTimeTailLinesAndLimitBytes() async throws {
        try await withKubernetesSimulator { simulator, client in
            _ = try await client.createPod(TestPods.shell("lines", "for i in 1 2 3 4 5; do echo line$i; done"))
            try await simulator.waitForPod("lines", until: TestPods.isDone)
            let stamped = try await client.get("\(pods)/lines/log?timestamps=true")
            let lines = stamped.text.split(separator: "\n").map(String.init)
            #expect(lines.count == 5)
            let pattern = try Regex(#"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z line\d$"#)
            #expect(lines.allSatisfy { $0.wholeMatch(of: pattern) != nil }, "\(lines)")
            let trailingZero = try Regex(#"\.\d*0Z "#)
            #expect(lines.allSatisfy { $0.firstMatch(of: trailingZero) == nil }, "RFC 3339 nano trims trailing zeros")

            #expect(try await client.get("\(pods)/lines/log?tailLines=2").text == "line4\nline5\n")
            #expect(try await client.get("\(pods)/lines/log?tailLines=0").text == "")
            #expect(try await client.get("\(pods)/lines/log?limitBytes=8").text == "line1\nli")
            let secondPrecision = String(lines[0].prefix(19)) + "Z"
            let since = try await client.get("\(pods)/lines/log?sinceTime=\(secondPrecision)")
            #expect(since.text == "line1\nline2\nline3\nline4\nline5\n", "sinceTime is inclusive at second precision")
            #expect(try await client.get("\(pods)/lines/log?sinceTime=2999-01-01T00:00:00Z").text == "")
            #expect(try await client.get("\(pods)/lines/log?sinceSeconds=3600").text.hasPrefix("line1\n"))
            let bad = try await client.get("\(pods)/lines/log?sinceTime=yesterday")
            #expect(bad.status == 400)
            let previous = try await client.get("\(pods)/lines/log?previous=true")
            #expect(previous.message == "previous terminated container \"build\" in pod \"lines\" not found")
            let wrong = try await client.get("\(pods)/lines/log?container=nope")
            #expect(wrong.message == "container nope is not valid for pod lines")
            #expect(try await client.get("\(pods)/nope/log").status == 404)
        }
    }

    @Test func stdoutAndStderrInterleaveInOneLog() async throws {
        try await withKubernetesSimulator { simulator, client in
            _ = try await client.createPod(TestPods.shell("mixed", "echo out; echo err >&2; echo out2"))
            try await simulator.waitForPod("mixed", until: TestPods.isDone)
            #expect(try await client.get("\(pods)/mixed/log").text == "out\nerr\nout2\n")
        }
    }
}
