import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Simulators
import Testing

@Suite(.timeLimit(.minutes(2))) struct KubernetesSimulatorFaultTests {
    let pods = "/api/v1/namespaces/default/pods"
    let secrets = "/api/v1/namespaces/default/secrets"

    @Test func badImagePullsFailWithBackOff() async throws {
        try await withKubernetesSimulator { simulator, client in
            _ = try await client.createPod(TestPods.pod("bad", containers: [["name": "build", "image": "bad/image:1", "command": ["true"]]]))
            let pulling = try await simulator.waitForPod("bad") { TestPods.waitingReason($0, "build") == "ErrImagePull" }
            #expect(TestPods.phase(pulling) == "Pending")
            let backOff = try await simulator.waitForPod("bad") { TestPods.waitingReason($0, "build") == "ImagePullBackOff" }
            #expect(TestPods.containerStatus(backOff, "build")?["state"]?["waiting"]?["message"] == "Back-off pulling image \"bad/image:1\"")
            #expect(TestPods.phase(backOff) == "Pending")
            let log = try await client.get("\(pods)/bad/log?container=build")
            #expect(log.status == 400)
            #expect(log.message == "container \"build\" in pod \"bad\" is waiting to start: trying and failing to pull image")

            _ = try await client.createPod(TestPods.shell("annotated", "true", annotations: ["sim.flywheel.dev/image-pull-error": "build"]))
            try await simulator.waitForPod("annotated") { TestPods.waitingReason($0, "build") == "ImagePullBackOff" }

            _ = try await client.createPod(TestPods.pod("invalid", containers: [["name": "build", "image": "Alpine:3", "command": ["true"]]]))
            try await simulator.waitForPod("invalid") { TestPods.waitingReason($0, "build") == "InvalidImageName" }

            simulator.setImage(KubernetesSimulatedImage(pullError: "ErrImagePull"), for: "registry.invalid/*")
            _ = try await client.createPod(TestPods.pod("mapped", containers: [["name": "build", "image": "registry.invalid/x", "command": ["true"]]]))
            try await simulator.waitForPod("mapped") { TestPods.waitingReason($0, "build") == "ImagePullBackOff" }
        }
    }

    @Test func missingSecretIsCreateContainerConfigErrorUntilItAppears() async throws {
        try await withKubernetesSimulator { simulator, client in
            let container = TestPods.container("build", "echo $TOKEN", extra: [
                "env": [["name": "TOKEN", "valueFrom": ["secretKeyRef": ["name": "late", "key": "token"]]]],
            ])
            _ = try await client.createPod(TestPods.pod("waits", containers: [container]))
            let waiting = try await simulator.waitForPod("waits") { TestPods.waitingReason($0, "build") == "CreateContainerConfigError" }
            #expect(TestPods.containerStatus(waiting, "build")?["state"]?["waiting"]?["message"] == "secret \"late\" not found")
            #expect(TestPods.phase(waiting) == "Pending")
            let log = try await client.get("\(pods)/waits/log")
            #expect(log.message == "container \"build\" in pod \"waits\" is waiting to start: CreateContainerConfigError")

            _ = try await client.post(secrets, TestPods.secret("late", ["other": "x"]))
            let missingKey = try await simulator.waitForPod("waits") {
                TestPods.containerStatus($0, "build")?["state"]?["waiting"]?["message"] == "couldn't find key token in Secret default/late"
            }
            #expect(TestPods.waitingReason(missingKey, "build") == "CreateContainerConfigError")
            _ = try await client.mergePatch("\(secrets)/late", ["stringData": ["token": "arrived"]])
            let done = try await simulator.waitForPod("waits", until: TestPods.isDone)
            #expect(TestPods.phase(done) == "Succeeded")
            #expect(simulator.logs(pod: "waits") == "arrived\n")
        }
    }

    @Test func missingSecretVolumeKeepsContainerCreating() async throws {
        try await withKubernetesSimulator { simulator, client in
            let pod = TestPods.pod("mount", containers: [TestPods.container("build", "cat /ci/a", mounts: [("ci", "/ci")])],
                                   volumes: [["name": "ci", "secret": ["secretName": "later"]]])
            _ = try await client.createPod(pod)
            try await simulator.wait(for: "a FailedMount event") { simulator in
                simulator.objects("events", namespace: "default").contains {
                    $0["reason"] == "FailedMount" && $0["message"] == "MountVolume.SetUp failed for volume \"ci\" : secret \"later\" not found"
                }
            }
            #expect(simulator.pod("mount").flatMap { TestPods.waitingReason($0, "build") } == "ContainerCreating")
            _ = try await client.post(secrets, TestPods.secret("later", ["a": "content"]))
            let done = try await simulator.waitForPod("mount", until: TestPods.isDone)
            #expect(TestPods.phase(done) == "Succeeded")
        }
    }

    @Test func unschedulablePodsWaitUntilSchedulingResumes() async throws {
        try await withKubernetesSimulator { simulator, client in
            simulator.setSchedulingEnabled(false)
            _ = try await client.createPod(TestPods.shell("queued", "true"))
            let pending = try await simulator.waitForPod("queued") { TestPods.condition($0, "PodScheduled")?["reason"] == "Unschedulable" }
            #expect(TestPods.phase(pending) == "Pending")
            #expect(TestPods.condition(pending, "PodScheduled")?["status"] == "False")
            #expect(pending["spec"]?["nodeName"] == nil)
            let log = try await client.get("\(pods)/queued/log")
            #expect(log.message == "pod queued does not have a host assigned")
            let deleted = try await client.delete("\(pods)/queued")
            #expect(deleted.status == 200)
            #expect(simulator.pod("queued") == nil, "an unscheduled pod is removed at once")

            _ = try await client.createPod(TestPods.shell("later", "true"))
            try await simulator.waitForPod("later") { TestPods.condition($0, "PodScheduled")?["reason"] == "Unschedulable" }
            simulator.setSchedulingEnabled(true)
            #expect(TestPods.phase(try await simulator.waitForPod("later", until: TestPods.isDone)) == "Succeeded")

            _ = try await client.createPod(TestPods.shell("never", "true", annotations: ["sim.flywheel.dev/unschedulable": "true"]))
            try await simulator.waitForPod("never") { TestPods.condition($0, "PodScheduled")?["reason"] == "Unschedulable" }
        }
    }

    @Test(.enabled(if: bubblewrapUsable, "needs bwrap")) func oomKilledContainer() async throws {
        try await withKubernetesSimulator { simulator, client in
            _ = try await client.createPod(TestPods.shell("hungry", "sleep 30"))
            try await simulator.waitForPodPhase("hungry", "Running")
            try simulator.oomKill(pod: "hungry", container: "build")
            let done = try await simulator.waitForPod("hungry", until: TestPods.isDone)
            #expect(TestPods.phase(done) == "Failed")
            #expect(TestPods.terminated(done, "build")?["reason"] == "OOMKilled")
            #expect(TestPods.terminated(done, "build")?["exitCode"] == 137)

            _ = try await client.createPod(TestPods.shell("annotated", "sleep 30", annotations: ["sim.flywheel.dev/oom-kill": "build:0.2"]))
            let annotated = try await simulator.waitForPod("annotated", until: TestPods.isDone)
            #expect(TestPods.terminated(annotated, "build")?["reason"] == "OOMKilled")
        }
    }

    @Test func evictionFailsThePodAndKeepsIt() async throws {
        try await withKubernetesSimulator { simulator, client in
            _ = try await client.createPod(TestPods.shell("evictee", "sleep 30"))
            try await simulator.waitForPodPhase("evictee", "Running")
            try simulator.evict(pod: "evictee")
            let evicted = try await simulator.waitForPod("evictee") { TestPods.terminated($0, "build") != nil }
            #expect(TestPods.phase(evicted) == "Failed")
            #expect(evicted["status"]?["reason"] == "Evicted")
            #expect(evicted["status"]?["message"]?.stringValue?.hasPrefix("The node was low on resource: memory.") == true)
            #expect(TestPods.condition(evicted, "DisruptionTarget")?["status"] == "True")
            #expect(TestPods.condition(evicted, "DisruptionTarget")?["reason"] == "TerminationByKubelet")
            #expect(TestPods.terminated(evicted, "build")?["exitCode"] == 137)
            #expect(simulator.pod("evictee") != nil, "evicted pods stay until deleted")
        }
    }

    @Test func vanishedPodIsDeletedWithoutTerminalStatus() async throws {
        try await withKubernetesSimulator { simulator, client in
            _ = try await client.createPod(TestPods.shell("ghost", "sleep 30"))
            try await simulator.waitForPodPhase("ghost", "Running")
            let stream = try await client.stream("\(pods)?watch=true&resourceVersion=\(simulator.resourceVersion)")
            try simulator.vanish(pod: "ghost")
            let events = try await stream.events { $0["type"] == "DELETED" }
            #expect(events.count == 1)
            #expect(TestPods.phase(events.last?["object"] ?? nil) == "Running")
            #expect(TestPods.terminated(events.last?["object"] ?? nil, "build") == nil)
            #expect(simulator.pod("ghost") == nil)
        }
    }

    @Test func httpStatusFaultsOnMatchingPaths() async throws {
        try await withKubernetesSimulator { simulator, client in
            simulator.inject(KubernetesHTTPFault(.status(500), pathContains: "/secrets", count: 2))
            let first = try await client.get(secrets)
            #expect(first.status == 500)
            #expect(first.reason == "InternalError")
            #expect(first.json["kind"] == "Status")
            #expect(try await client.get(pods).status == 200, "other paths are not affected")
            #expect(try await client.get(secrets).status == 500)
            #expect(try await client.get(secrets).status == 200)

            simulator.inject(KubernetesHTTPFault(.status(429, retryAfterSeconds: 3), pathContains: "/pods", method: "POST"))
            #expect(try await client.get(pods).status == 200, "the method filter holds")
            let throttled = try await client.post(pods, TestPods.shell("p", "true"))
            #expect(throttled.status == 429)
            #expect(throttled.headers.first(name: "Retry-After") == "3")
            #expect(throttled.json["details"]?["retryAfterSeconds"] == 3)
            #expect(simulator.pod("p") == nil)

            simulator.inject(KubernetesHTTPFault(.status(503), count: 1))
            let unavailable = try await client.get("/api/v1")
            #expect(unavailable.status == 503)
            #expect(unavailable.reason == "ServiceUnavailable")

            simulator.inject(KubernetesHTTPFault(.status(410), pathContains: "/secrets"))
            let gone = try await client.get("\(secrets)?watch=true")
            #expect(gone.status == 410)
            #expect(gone.reason == "Expired")

            simulator.inject(KubernetesHTTPFault(.delay(.milliseconds(300)), pathContains: "/configmaps"))
            let started = ContinuousClock.now
            #expect(try await client.get("/api/v1/namespaces/default/configmaps").status == 200)
            #expect(ContinuousClock.now - started >= .milliseconds(300))

            simulator.inject(KubernetesHTTPFault(.reset, pathContains: "/serviceaccounts"))
            await #expect(throws: (any Error).self) { _ = try await client.get("/api/v1/namespaces/default/serviceaccounts") }
            #expect(try await client.get("/api/v1/namespaces/default/serviceaccounts").status == 200)
            #expect(simulator.requests(pathContains: "/secrets").first?.fault == "status 500")
            #expect(simulator.armedFaults.isEmpty)
        }
    }

    @Test func cutWatchStreams() async throws {
        try await withKubernetesSimulator { simulator, client in
            let clean = try await client.stream("\(secrets)?watch=true&resourceVersion=\(simulator.resourceVersion)")
            try await simulator.wait(for: "the watch") { $0.openWatchCount == 1 }
            simulator.cutWatches()
            #expect(try await clean.nextEvent() == nil, "a clean cut is an EOF")

            let abrupt = try await client.stream("\(secrets)?watch=true&resourceVersion=\(simulator.resourceVersion)")
            try await simulator.wait(for: "the watch") { $0.openWatchCount == 1 }
            simulator.cutWatches(abrupt: true)
            await #expect(throws: (any Error).self) { _ = try await abrupt.nextEvent() }
        }
    }

    @Test(.enabled(if: bubblewrapUsable, "needs bwrap")) func cutLogStreamsWhileTheContainerRuns() async throws {
        try await withKubernetesSimulator { simulator, client in
            _ = try await client.createPod(TestPods.shell("chatty", "echo started; sleep 30"))
            try await simulator.wait(for: "output") { $0.logs(pod: "chatty") == "started\n" }
            let stream = try await client.stream("\(pods)/chatty/log?follow=true")
            #expect(try await stream.nextLine().map { String(decoding: $0, as: UTF8.self) } == "started")
            simulator.cutLogStreams()
            #expect(try await stream.nextLine() == nil)
            #expect(TestPods.phase(simulator.pod("chatty") ?? nil) == "Running", "the container keeps running")
        }
    }

    @Test func adminAPI() async throws {
        try await withKubernetesSimulator(token: "t") { simulator, client in
            var admin = client
            admin.token = nil
            let fault = try await admin.post("/_sim/faults", ["kind": "status", "status": 503, "path": "/secrets", "count": 1])
            #expect(fault.status == 201)
            #expect(try await client.get(secrets).status == 503)
            #expect(try await admin.post("/_sim/scheduling?enabled=false", [:]).status == 200)
            _ = try await client.createPod(TestPods.shell("held", "true"))
            try await simulator.waitForPod("held") { TestPods.condition($0, "PodScheduled")?["reason"] == "Unschedulable" }
            #expect(try await admin.post("/_sim/scheduling?enabled=true", [:]).status == 200)
            try await simulator.waitForPod("held", until: TestPods.isDone)
            let waited = try await admin.get("/_sim/pods/default/held/wait?timeout=10")
            #expect(waited.status == 200)
            #expect(waited.json["status"]?["phase"] == "Succeeded")
            let state = try await admin.get("/_sim/state")
            #expect(state.json["resource_version"]?.stringValue == simulator.resourceVersion)
            let compacted = try await admin.post("/_sim/compact", [:])
            #expect(compacted.json["compacted_resource_version"]?.stringValue == simulator.resourceVersion)
            #expect(try await admin.send(.PUT, "/_sim/tokens", json: ["tokens": ["new"]]).status == 200)
            #expect(try await client.get(secrets).status == 401)
            let recorded = try await admin.get("/_sim/requests")
            #expect((recorded.json.arrayValue ?? []).contains { $0["response_status"] == 401 })
            #expect(try await admin.post("/_sim/pods/default/nope/evict", [:]).status == 404)
        }
    }
}
