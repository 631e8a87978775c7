import Foundation
import NIOHTTP1
import Simulators
import Testing

@Suite(.timeLimit(.minutes(2))) struct KubernetesSimulatorWatchTests {
    let secrets = "/api/v1/namespaces/default/secrets"

    private func version(_ response: KubeResponse) -> String {
        response.json["metadata"]?["resourceVersion"]?.stringValue ?? ""
    }

    @Test func watchFromResourceVersionDeliversLaterChangesInOrder() async throws {
        try await withKubernetesSimulator { _, client in
            _ = try await client.post(secrets, TestPods.secret("a", ["k": "v"]))
            let list = try await client.get(secrets)
            let listVersion = version(list)
            let b = try await client.post(secrets, TestPods.secret("b", ["k": "v"]))
            let a = try await client.mergePatch("\(secrets)/a", ["metadata": ["labels": ["x": "1"]]])
            let deleted = try await client.delete("\(secrets)/b")
            #expect(deleted.status == 200)

            let stream = try await client.stream("\(secrets)?watch=true&resourceVersion=\(listVersion)")
            #expect(stream.status == 200)
            #expect(stream.headers.first(name: "Transfer-Encoding") == "chunked")
            let events = try await stream.events { $0["type"] == "DELETED" }
            #expect(events.compactMap { $0["type"]?.stringValue } == ["ADDED", "MODIFIED", "DELETED"])
            #expect(events.at(0)?["object"]?["metadata"]?["name"] == "b")
            #expect(events.at(0)?["object"]?["metadata"]?["resourceVersion"]?.stringValue == version(b))
            #expect(events.at(1)?["object"]?["metadata"]?["resourceVersion"]?.stringValue == version(a))
            #expect(events.at(2)?["object"]?["metadata"]?["name"] == "b")
            let deletedVersion = Int(events.at(2)?["object"]?["metadata"]?["resourceVersion"]?.stringValue ?? "") ?? 0
            #expect(deletedVersion > Int(version(a)) ?? 0, "a DELETED event carries the deletion's resourceVersion")
            #expect(events.at(0)?["object"]?["kind"] == "Secret")
        }
    }

    @Test func watchWithoutVersionStartsWithSyntheticAdded() async throws {
        try await withKubernetesSimulator { _, client in
            _ = try await client.post(secrets, TestPods.secret("a", ["k": "v"]))
            _ = try await client.post(secrets, TestPods.secret("b", ["k": "v"]))
            let stream = try await client.stream("\(secrets)?watch=1")
            let first = try #require(try await stream.nextEvent())
            let second = try #require(try await stream.nextEvent())
            #expect(first["type"] == "ADDED" && second["type"] == "ADDED")
            #expect([first, second].compactMap { $0["object"]?["metadata"]?["name"]?.stringValue } == ["a", "b"])
            _ = try await client.post(secrets, TestPods.secret("c", ["k": "v"]))
            let third = try #require(try await stream.nextEvent())
            #expect(third["type"] == "ADDED")
            #expect(third["object"]?["metadata"]?["name"] == "c")
        }
    }

    @Test func bookmarksCarryTheCurrentResourceVersion() async throws {
        try await withKubernetesSimulator({ $0.bookmarkInterval = .milliseconds(100) }) { simulator, client in
            _ = try await client.post(secrets, TestPods.secret("a", ["k": "v"]))
            let start = simulator.resourceVersion
            let stream = try await client.stream("\(secrets)?watch=true&resourceVersion=\(start)&allowWatchBookmarks=true")
            _ = try await client.post("/api/v1/namespaces/default/configmaps", ["metadata": ["name": "elsewhere"]])
            // A bookmark may already be on its way when the configmap lands; a later one must carry it.
            var bookmarked = 0
            for _ in 0..<50 where bookmarked <= Int(start) ?? 0 {
                let event = try #require(try await stream.nextEvent())
                #expect(event["type"] == "BOOKMARK")
                #expect(event["object"]?["kind"] == "Secret")
                bookmarked = Int(event["object"]?["metadata"]?["resourceVersion"]?.stringValue ?? "") ?? 0
            }
            #expect(bookmarked > Int(start) ?? 0, "bookmarks move past changes of other resources")

            let plain = try await client.stream("\(secrets)?watch=true&resourceVersion=\(start)&timeoutSeconds=1")
            #expect(try await plain.nextEvent() == nil, "no bookmarks without allowWatchBookmarks; the stream ends at timeoutSeconds")
        }
    }

    @Test func compactedVersionGivesExpiredErrorEvent() async throws {
        try await withKubernetesSimulator { simulator, client in
            let old = version(try await client.post(secrets, TestPods.secret("a", ["k": "v"])))
            _ = try await client.post(secrets, TestPods.secret("b", ["k": "v"]))
            simulator.compact()
            let stream = try await client.stream("\(secrets)?watch=true&resourceVersion=\(old)")
            #expect(stream.status == 200)
            let event = try #require(try await stream.nextEvent())
            #expect(event["type"] == "ERROR")
            #expect(event["object"]?["kind"] == "Status")
            #expect(event["object"]?["code"] == 410)
            #expect(event["object"]?["reason"] == "Expired")
            #expect(event["object"]?["message"]?.stringValue?.hasPrefix("too old resource version: \(old) (") == true)
            #expect(try await stream.nextEvent() == nil)
            let current = simulator.resourceVersion
            let fresh = try await client.stream("\(secrets)?watch=true&resourceVersion=\(current)&timeoutSeconds=1")
            #expect(try await fresh.nextEvent() == nil, "the current version is still watchable")
        }
    }

    @Test func compactedVersionAsHTTP410WhenConfigured() async throws {
        try await withKubernetesSimulator({ $0.expiredWatchAsHTTPStatus = true }) { simulator, client in
            let old = version(try await client.post(secrets, TestPods.secret("a", ["k": "v"])))
            _ = try await client.post(secrets, TestPods.secret("b", ["k": "v"]))
            simulator.compact()
            let response = try await client.get("\(secrets)?watch=true&resourceVersion=\(old)")
            #expect(response.status == 410)
            #expect(response.reason == "Expired")
        }
    }

    @Test func historyLimitCompactsOldEvents() async throws {
        try await withKubernetesSimulator({ $0.historyLimit = 3 }) { simulator, client in
            let old = version(try await client.post(secrets, TestPods.secret("a", ["k": "v"])))
            for index in 0..<4 { _ = try await client.post(secrets, TestPods.secret("s\(index)", ["k": "v"])) }
            #expect(Int(simulator.compactedResourceVersion) ?? 0 > Int(old) ?? 0)
            let stream = try await client.stream("\(secrets)?watch=true&resourceVersion=\(old)")
            #expect(try await stream.nextEvent()?["type"] == "ERROR")
        }
    }

    @Test func objectsLeavingTheSelectorAreDeletedForTheWatcher() async throws {
        try await withKubernetesSimulator { simulator, client in
            _ = try await client.post(secrets, TestPods.secret("a", ["k": "v"], labels: ["app": "ci"]))
            let stream = try await client.stream("\(secrets)?watch=true&labelSelector=app%3Dci&resourceVersion=\(simulator.resourceVersion)")
            _ = try await client.mergePatch("\(secrets)/a", ["metadata": ["labels": ["app": "web"]]])
            _ = try await client.mergePatch("\(secrets)/a", ["metadata": ["labels": ["app": "ci"]]])
            _ = try await client.mergePatch("\(secrets)/a", ["metadata": ["annotations": ["x": "y"]]])
            let events = try await stream.events { $0["type"] == "MODIFIED" }
            #expect(events.compactMap { $0["type"]?.stringValue } == ["DELETED", "ADDED", "MODIFIED"])
        }
    }

    @Test func watchByNameFieldSelectorAsKubectlDeleteDoes() async throws {
        try await withKubernetesSimulator { _, client in
            _ = try await client.post(secrets, TestPods.secret("a", ["k": "v"]))
            _ = try await client.post(secrets, TestPods.secret("b", ["k": "v"]))
            let list = try await client.get("\(secrets)?fieldSelector=metadata.name%3Da&limit=500&resourceVersion=0")
            #expect(list.json["items"]?.arrayValue?.count == 1)
            let stream = try await client.stream("\(secrets)?allowWatchBookmarks=true&fieldSelector=metadata.name%3Da&resourceVersion=\(version(list))&timeoutSeconds=30&watch=true")
            _ = try await client.delete("\(secrets)/b")
            _ = try await client.delete("\(secrets)/a")
            let event = try #require(try await stream.nextEvent())
            #expect(event["type"] == "DELETED")
            #expect(event["object"]?["metadata"]?["name"] == "a")
        }
    }

    @Test func tableWatchForKubectlGetWatch() async throws {
        try await withKubernetesSimulator { simulator, client in
            _ = try await client.post(secrets, TestPods.secret("a", ["k": "v"]))
            let accept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"
            let table = try await client.get(secrets, headers: [("Accept", accept)])
            #expect(table.json["kind"] == "Table")
            #expect(table.json["columnDefinitions"]?.at(0)?["name"] == "Name")
            #expect(table.json["rows"]?.at(0)?["cells"]?.at(0) == "a")
            #expect(table.json["rows"]?.at(0)?["object"]?["kind"] == "PartialObjectMetadata")
            let stream = try await client.stream("\(secrets)?watch=true&resourceVersion=\(simulator.resourceVersion)", headers: [("Accept", accept)])
            _ = try await client.post(secrets, TestPods.secret("b", ["k": "v"]))
            let event = try #require(try await stream.nextEvent())
            #expect(event["object"]?["kind"] == "Table")
            #expect(event["object"]?["rows"]?.at(0)?["cells"]?.at(0) == "b")
            let refused = try await client.get(secrets, headers: [("Accept", "application/vnd.kubernetes.protobuf")])
            #expect(refused.status == 406)
        }
    }
}

