import Foundation
import NIOHTTP1
import Simulators
import Testing

@Suite(.timeLimit(.minutes(2)), .enabled(if: bubblewrapUsable, "bwrap (Debian package bubblewrap) is missing or cannot create namespaces here"))
struct KubernetesSimulatorKubeletTests {
    let pods = "/api/v1/namespaces/default/pods"

    @Test func failingContainerEndsFailedWithItsExitCodeAndLog() async throws {
        try await withKubernetesSimulator { simulator, client in
            _ = try await client.createPod(TestPods.shell("job-1", "echo hi; exit 3"))
            let pod = try await simulator.waitForPod("job-1", until: TestPods.isDone)
            #expect(TestPods.phase(pod) == "Failed")
            let terminated = try #require(TestPods.terminated(pod, "build"))
            #expect(terminated["exitCode"] == 3)
            #expect(terminated["reason"] == "Error")
            #expect(terminated["startedAt"] != nil && terminated["finishedAt"] != nil)
            #expect(terminated["containerID"]?.stringValue?.hasPrefix("containerd://") == true)
            let log = try await client.get("\(pods)/job-1/log")
            #expect(log.status == 200)
            #expect(log.text == "hi\n")
            #expect(TestPods.condition(pod, "Ready")?["reason"] == "PodCompleted")
            #expect(pod["status"]?["podIP"] == "127.0.0.1")
            #expect(pod["status"]?["startTime"] != nil)
        }
    }

    @Test func podWalksThroughOneModifiedEventPerStep() async throws {
        try await withKubernetesSimulator { simulator, client in
            let stream = try await client.stream("\(pods)?watch=true&resourceVersion=\(simulator.resourceVersion)&fieldSelector=metadata.name%3Dwalk")
            _ = try await client.createPod(TestPods.shell("walk", "exit 0"))
            let events = try await stream.events { TestPods.isDone($0["object"] ?? nil) }
            let objects = events.compactMap { $0["object"] }
            #expect(events.first?["type"] == "ADDED")
            #expect(events.dropFirst().allSatisfy { $0["type"] == "MODIFIED" })
            #expect(objects.first?["spec"]?["nodeName"] == nil)
            #expect(objects.first?["status"] == ["phase": "Pending", "qosClass": "BestEffort"])
            let scheduled = try #require(objects.at(1))
            #expect(scheduled["spec"]?["nodeName"] == "flywheel-sim-node")
            #expect(TestPods.condition(scheduled, "PodScheduled")?["status"] == "True")
            #expect(TestPods.waitingReason(scheduled, "build") == "ContainerCreating")
            #expect(objects.contains { TestPods.phase($0) == "Running" && TestPods.containerStatus($0, "build")?["state"]?["running"] != nil })
            #expect(TestPods.phase(objects.last ?? nil) == "Succeeded")
            #expect(TestPods.terminated(objects.last ?? nil, "build")?["reason"] == "Completed")
            let statuses = objects.map { $0["status"] }
            #expect(zip(statuses, statuses.dropFirst()).allSatisfy { $0 != $1 }, "every event is a change")
            let phases = objects.compactMap(TestPods.phase)
            #expect(phases == phases.sorted { rank($0) < rank($1) }, "phases only move forward: \(phases)")
        }
        func rank(_ phase: String) -> Int { ["Pending": 0, "Running": 1, "Succeeded": 2, "Failed": 2][phase] ?? 3 }
    }

    @Test func initContainersRunInOrderBeforeContainers() async throws {
        try await withKubernetesSimulator { simulator, client in
            let pod = TestPods.pod(
                "init",
                containers: [TestPods.container("build", "cat /work/order", mounts: [("work", "/work")])],
                initContainers: [
                    TestPods.container("first", "sleep 0.2; printf 1 >> /work/order", mounts: [("work", "/work")]),
                    TestPods.container("second", "printf 2 >> /work/order", mounts: [("work", "/work")]),
                ],
                volumes: [["name": "work", "emptyDir": [:]]])
            let stream = try await client.stream("\(pods)?watch=true&resourceVersion=\(simulator.resourceVersion)")
            _ = try await client.createPod(pod)
            let events = try await stream.events { TestPods.isDone($0["object"] ?? nil) }
            let done = try #require(events.last?["object"])
            #expect(TestPods.phase(done) == "Succeeded")
            #expect(simulator.logs(pod: "init") == "12")
            #expect(TestPods.terminated(done, "first")?["reason"] == "Completed")
            #expect(TestPods.terminated(done, "second")?["reason"] == "Completed")
            let initializing = events.compactMap { $0["object"] }.first { TestPods.containerStatus($0, "first")?["state"]?["running"] != nil }
            #expect(initializing.map(TestPods.phase) == "Pending")
            #expect(initializing.flatMap { TestPods.waitingReason($0, "build") } == "PodInitializing")
            #expect(initializing.flatMap { TestPods.condition($0, "Initialized")?["reason"] } == "ContainersNotInitialized")
        }
    }

    @Test func failedInitContainerFailsThePod() async throws {
        try await withKubernetesSimulator { simulator, client in
            let pod = TestPods.pod("init-fail", containers: [TestPods.container("build", "echo never")],
                                   initContainers: [TestPods.container("prepare", "exit 4")])
            _ = try await client.createPod(pod)
            let done = try await simulator.waitForPod("init-fail", until: TestPods.isDone)
            #expect(TestPods.phase(done) == "Failed")
            #expect(TestPods.terminated(done, "prepare")?["exitCode"] == 4)
            #expect(TestPods.waitingReason(done, "build") == "PodInitializing")
            #expect(simulator.logs(pod: "init-fail", container: "build") == "")
        }
    }

    @Test func emptyDirIsSharedBetweenContainers() async throws {
        try await withKubernetesSimulator { simulator, client in
            let pod = TestPods.pod("share", containers: [
                TestPods.container("writer", "echo shared-content > /data/file", mounts: [("data", "/data")]),
                TestPods.container("reader", "while [ ! -s /cache/file ]; do sleep 0.05; done; cat /cache/file", mounts: [("data", "/cache")]),
            ], volumes: [["name": "data", "emptyDir": [:]]])
            _ = try await client.createPod(pod)
            let done = try await simulator.waitForPod("share", until: TestPods.isDone)
            #expect(TestPods.phase(done) == "Succeeded")
            #expect(simulator.logs(pod: "share", container: "reader") == "shared-content\n")
            let multi = try await client.get("\(pods)/share/log")
            #expect(multi.status == 400)
            #expect(multi.message == "a container name must be specified for pod share, choose one of: [writer reader]")
        }
    }

    @Test func secretVolumeHasContentModesAndItems() async throws {
        try await withKubernetesSimulator { simulator, client in
            _ = try await client.post("/api/v1/namespaces/default/secrets",
                                      TestPods.secret("job-secret", ["script.sh": "#!/bin/sh\necho from-script\n", "token": "t0ken"]))
            let pod = TestPods.pod("secret-vol", containers: [
                TestPods.container("build", "/ci/script.sh; stat -L -c %a /ci/script.sh; cat /creds/renamed; echo; ls /ci; touch /ci/x 2>/dev/null || echo read-only",
                                   mounts: [("ci", "/ci"), ("creds", "/creds")]),
            ], volumes: [
                ["name": "ci", "secret": ["secretName": "job-secret", "defaultMode": 493]],
                ["name": "creds", "secret": ["secretName": "job-secret", "items": [["key": "token", "path": "renamed"]]]],
            ])
            _ = try await client.createPod(pod)
            let done = try await simulator.waitForPod("secret-vol", until: TestPods.isDone)
            #expect(TestPods.phase(done) == "Succeeded", "\(simulator.logs(pod: "secret-vol") ?? "")")
            #expect(simulator.logs(pod: "secret-vol") == "from-script\n755\nt0ken\nscript.sh\ntoken\nread-only\n")
        }
    }

    @Test func environmentFromSecretsAndDownwardAPI() async throws {
        try await withKubernetesSimulator { simulator, client in
            _ = try await client.post("/api/v1/namespaces/default/secrets", TestPods.secret("env", ["password": "hunter2", "USER_NAME": "ci"]))
            let container = TestPods.container("build", "echo $PASSWORD $POD $NS $APP $USER_NAME $GREETING; pwd", extra: [
                "workingDir": "/tmp",
                "env": [
                    ["name": "PASSWORD", "valueFrom": ["secretKeyRef": ["name": "env", "key": "password"]]],
                    ["name": "POD", "valueFrom": ["fieldRef": ["fieldPath": "metadata.name"]]],
                    ["name": "NS", "valueFrom": ["fieldRef": ["fieldPath": "metadata.namespace"]]],
                    ["name": "APP", "valueFrom": ["fieldRef": ["fieldPath": "metadata.labels['app']"]]],
                    ["name": "NAME", "value": "world"],
                    ["name": "GREETING", "value": "hello-$(NAME)-$$(NAME)"],
                ],
                "envFrom": [["secretRef": ["name": "env"]]],
            ])
            _ = try await client.createPod(TestPods.pod("env", containers: [container], labels: ["app": "flywheel"]))
            let done = try await simulator.waitForPod("env", until: TestPods.isDone)
            #expect(TestPods.phase(done) == "Succeeded")
            #expect(simulator.logs(pod: "env") == "hunter2 env default flywheel ci hello-world-$(NAME)\n/tmp\n")
        }
    }

    @Test func serviceAccountVolumeAndServiceEnvironment() async throws {
        try await withKubernetesSimulator(token: "sa-token") { simulator, client in
            var pod = TestPods.shell("sa", "cat /var/run/secrets/kubernetes.io/serviceaccount/token; echo; cat /var/run/secrets/kubernetes.io/serviceaccount/namespace; echo; echo $KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT")
            pod["spec"]?["automountServiceAccountToken"] = nil
            _ = try await client.createPod(pod)
            let done = try await simulator.waitForPod("sa", until: TestPods.isDone)
            #expect(TestPods.phase(done) == "Succeeded", "\(simulator.logs(pod: "sa") ?? "")")
            #expect(simulator.logs(pod: "sa") == "sa-token\ndefault\n127.0.0.1:\(simulator.port ?? 0)\n")
        }
    }

    @Test func sharedProcessNamespaceLetsOneContainerSignalAnother() async throws {
        try await withKubernetesSimulator { simulator, client in
            let pod = TestPods.pod("shared-pid", containers: [
                // `$$$$`: Kubernetes reduces `$$` to `$` in commands, so the shell sees `$$`.
                TestPods.container("build", "echo $$$$ > /run/shared/pid; exec sleep 1000", mounts: [("shared", "/run/shared")]),
                TestPods.container("supervisor", "while [ ! -s /run/shared/pid ]; do sleep 0.05; done; kill -TERM $(cat /run/shared/pid) && echo signalled",
                                   mounts: [("shared", "/run/shared")]),
            ], volumes: [["name": "shared", "emptyDir": [:]]], spec: ["shareProcessNamespace": true])
            _ = try await client.createPod(pod)
            let done = try await simulator.waitForPod("shared-pid", until: TestPods.isDone)
            #expect(TestPods.terminated(done, "supervisor")?["exitCode"] == 0)
            #expect(TestPods.terminated(done, "build")?["exitCode"] == 143, "not PID 1 in a shared namespace, so SIGTERM kills it")
            #expect(simulator.logs(pod: "shared-pid", container: "supervisor") == "signalled\n")
        }
    }

    @Test func deleteSendsTermToPidOneThenKillsAfterGrace() async throws {
        try await withKubernetesSimulator { simulator, client in
            _ = try await client.createPod(TestPods.shell("stubborn", "trap 'echo got TERM' TERM; echo ready; while true; do sleep 0.05; done"))
            try await simulator.wait(for: "the trap") { $0.logs(pod: "stubborn")?.contains("ready") == true }
            let stream = try await client.stream("\(pods)?watch=true&resourceVersion=\(simulator.resourceVersion)&fieldSelector=metadata.name%3Dstubborn")
            let log = try await client.stream("\(pods)/stubborn/log?follow=true")
            let started = ContinuousClock.now
            let answer = try await client.delete("\(pods)/stubborn", ["gracePeriodSeconds": 1])
            #expect(answer.status == 200)
            #expect(answer.json["metadata"]?["deletionTimestamp"] != nil)
            #expect(answer.json["metadata"]?["deletionGracePeriodSeconds"] == 1)
            let events = try await stream.events { $0["type"] == "DELETED" }
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .milliseconds(900), "SIGKILL only after the grace period")
            #expect(events.first?["type"] == "MODIFIED")
            let terminal = try #require(events.dropLast().last?["object"])
            #expect(TestPods.phase(terminal) == "Failed")
            #expect(TestPods.terminated(terminal, "build")?["exitCode"] == 137)
            #expect(events.last?["type"] == "DELETED")
            #expect(simulator.logs(pod: "stubborn") == nil, "logs go with the pod")
            #expect(String(decoding: try await log.readToEnd(), as: UTF8.self) == "ready\ngot TERM\n")
        }
    }

    @Test func bareSleepAsPidOneIgnoresTermButHandlerCanExitCleanly() async throws {
        try await withKubernetesSimulator { simulator, client in
            _ = try await client.createPod(TestPods.pod("sleeper", containers: [["name": "build", "image": "alpine:3", "command": ["sleep", "60"]]]))
            _ = try await client.createPod(TestPods.shell("polite", "trap 'echo bye; exit 0' TERM; echo ready; while true; do sleep 0.05; done"))
            try await simulator.waitForPodPhase("sleeper", "Running")
            try await simulator.wait(for: "the trap") { $0.logs(pod: "polite")?.contains("ready") == true }
            let stream = try await client.stream("\(pods)?watch=true&resourceVersion=\(simulator.resourceVersion)")
            _ = try await client.delete("\(pods)/sleeper", ["gracePeriodSeconds": 1])
            _ = try await client.delete("\(pods)/polite", ["gracePeriodSeconds": 30])
            var terminal: [String: SimulatedJSON] = [:]
            var deleted: Set<String> = []
            while deleted.count < 2, let event = try await stream.nextEvent() {
                let object = event["object"] ?? nil
                let name = object["metadata"]?["name"]?.stringValue ?? ""
                if event["type"] == "DELETED" { deleted.insert(name) } else if TestPods.isDone(object) { terminal[name] = object }
            }
            #expect(TestPods.terminated(terminal["sleeper"] ?? nil, "build")?["exitCode"] == 137)
            #expect(TestPods.terminated(terminal["polite"] ?? nil, "build")?["exitCode"] == 0)
            #expect(TestPods.phase(terminal["polite"] ?? nil) == "Succeeded")
        }
    }

    @Test func activeDeadlineSecondsFailsThePod() async throws {
        try await withKubernetesSimulator { simulator, client in
            _ = try await client.createPod(TestPods.shell("deadline", "sleep 30", spec: ["activeDeadlineSeconds": 1, "terminationGracePeriodSeconds": 1]))
            let failed = try await simulator.waitForPod("deadline") { TestPods.phase($0) == "Failed" }
            #expect(failed["status"]?["reason"] == "DeadlineExceeded")
            #expect(failed["status"]?["message"] == "Pod was active on the node longer than the specified deadline")
            let settled = try await simulator.waitForPod("deadline") { TestPods.terminated($0, "build") != nil }
            #expect(TestPods.terminated(settled, "build")?["exitCode"] == 137)
        }
    }

    @Test func missingExecutableIsStartError() async throws {
        try await withKubernetesSimulator { simulator, client in
            _ = try await client.createPod(TestPods.pod("missing", containers: [["name": "build", "image": "alpine:3", "command": ["/nonexistent"]]]))
            let done = try await simulator.waitForPod("missing", until: TestPods.isDone)
            #expect(TestPods.phase(done) == "Failed")
            #expect(TestPods.terminated(done, "build")?["reason"] == "StartError")
            #expect(TestPods.terminated(done, "build")?["exitCode"] == 128)
            #expect(TestPods.terminated(done, "build")?["message"]?.stringValue?.contains("exec: \"/nonexistent\": stat /nonexistent: no such file or directory") == true)
        }
    }

    @Test func imageMapSuppliesEntrypointAndEnvironment() async throws {
        try await withKubernetesSimulator({ configuration in
            configuration.images = KubernetesImageMap(entries: [
                ("docker:*-dind", KubernetesSimulatedImage(entrypoint: ["sh", "-c"], cmd: ["echo default $FROM_IMAGE"], environment: ["FROM_IMAGE": "yes"])),
            ])
        }) { simulator, client in
            _ = try await client.createPod(TestPods.pod("dind", containers: [["name": "docker", "image": "docker:27-dind"]]))
            _ = try await client.createPod(TestPods.pod("dind-args", containers: [["name": "docker", "image": "docker:27-dind", "args": ["echo custom"]]]))
            #expect(TestPods.phase(try await simulator.waitForPod("dind", until: TestPods.isDone)) == "Succeeded")
            #expect(TestPods.phase(try await simulator.waitForPod("dind-args", until: TestPods.isDone)) == "Succeeded")
            #expect(simulator.logs(pod: "dind") == "default yes\n")
            #expect(simulator.logs(pod: "dind-args") == "custom\n")
            _ = try await client.createPod(TestPods.pod("nocommand", containers: [["name": "build", "image": "scratch:1"]]))
            let stuck = try await simulator.waitForPod("nocommand") { TestPods.waitingReason($0, "build") == "CreateContainerError" }
            #expect(TestPods.phase(stuck) == "Pending")
        }
    }

    @Test func plainProcessesWithoutSandbox() async throws {
        try await withKubernetesSimulator({ $0.sandbox = .processes }) { simulator, client in
            #expect(!simulator.isSandboxed)
            _ = try await client.createPod(TestPods.shell("plain", "echo plain; exit 2"))
            let done = try await simulator.waitForPod("plain", until: TestPods.isDone)
            #expect(TestPods.terminated(done, "build")?["exitCode"] == 2)
            #expect(simulator.logs(pod: "plain") == "plain\n")
        }
    }
}
