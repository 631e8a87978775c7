import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Simulators
import Testing

@Suite(.timeLimit(.minutes(2))) struct KubernetesSimulatorAPITests {
    let pods = "/api/v1/namespaces/default/pods"
    let secrets = "/api/v1/namespaces/default/secrets"

    @Test func createReturnsDefaultsAndDuplicateIsAlreadyExists() async throws {
        try await withKubernetesSimulator { _, client in
            let created = try await client.post(pods, TestPods.shell("job-1", "true"))
            #expect(created.status == 201)
            let pod = created.json
            #expect(pod["kind"] == "Pod")
            #expect(pod["apiVersion"] == "v1")
            #expect(pod["metadata"]?["uid"]?.stringValue?.count == 36)
            #expect(pod["metadata"]?["resourceVersion"]?.stringValue != nil)
            #expect(pod["metadata"]?["namespace"] == "default")
            #expect(pod["metadata"]?["creationTimestamp"]?.stringValue?.hasSuffix("Z") == true)
            #expect(pod["status"]?["phase"] == "Pending")
            #expect(pod["status"]?["qosClass"] == "BestEffort")
            #expect(pod["spec"]?["terminationGracePeriodSeconds"] == 30)
            #expect(pod["spec"]?["dnsPolicy"] == "ClusterFirst")
            #expect(pod["spec"]?["serviceAccountName"] == "default")
            #expect(pod["spec"]?["containers"]?.at(0)?["imagePullPolicy"] == "IfNotPresent")
            #expect(pod["spec"]?["containers"]?.at(0)?["terminationMessagePath"] == "/dev/termination-log")

            let again = try await client.post(pods, TestPods.shell("job-1", "true"))
            #expect(again.status == 409)
            #expect(again.json["kind"] == "Status")
            #expect(again.json["status"] == "Failure")
            #expect(again.reason == "AlreadyExists")
            #expect(again.message == "pods \"job-1\" already exists")
            #expect(again.json["code"] == 409)
            #expect(again.json["details"] == ["name": "job-1", "kind": "pods"])

            let read = try await client.get("\(pods)/job-1")
            #expect(read.status == 200)
            #expect(read.json["metadata"]?["uid"] == pod["metadata"]?["uid"])
            let missing = try await client.get("\(pods)/nope")
            #expect(missing.status == 404)
            #expect(missing.reason == "NotFound")
            #expect(missing.message == "pods \"nope\" not found")
        }
    }

    @Test func generateNameAndDryRun() async throws {
        try await withKubernetesSimulator { simulator, client in
            let secret: SimulatedJSON = ["metadata": ["generateName": "ci-job-"], "stringData": ["a": "b"]]
            let first = try await client.post(secrets, secret)
            let second = try await client.post(secrets, secret)
            let firstName = try #require(first.json["metadata"]?["name"]?.stringValue)
            #expect(first.status == 201 && second.status == 201)
            #expect(firstName.hasPrefix("ci-job-") && firstName.count == "ci-job-".count + 5)
            #expect(firstName != second.json["metadata"]?["name"]?.stringValue)

            let dry = try await client.post("\(secrets)?dryRun=All", TestPods.secret("dry", ["a": "b"]))
            #expect(dry.status == 201)
            #expect(simulator.object("secrets", name: "dry") == nil)
        }
    }

    @Test func secretStringDataIsFoldedIntoData() async throws {
        try await withKubernetesSimulator { _, client in
            let created = try await client.post(secrets, TestPods.secret("s", ["script.sh": "echo hi\n"]))
            #expect(created.status == 201)
            #expect(created.json["stringData"] == nil)
            #expect(created.json["data"]?["script.sh"] == .string(Data("echo hi\n".utf8).base64EncodedString()))
            #expect(created.json["type"] == "Opaque")
            let bad = try await client.post(secrets, ["metadata": ["name": "bad"], "data": ["k": 3]])
            #expect(bad.status == 400)
            #expect(bad.reason == "BadRequest")
        }
    }

    @Test func listFiltersByLabelAndFieldSelectors() async throws {
        try await withKubernetesSimulator { _, client in
            for (name, labels) in [("a", ["app": "ci", "tier": "x"]), ("b", ["app": "web", "gpu": "1"]), ("c", ["tier": "y"])] {
                #expect(try await client.post(secrets, TestPods.secret(name, ["k": "v"], labels: labels)).status == 201)
            }
            func names(_ query: String) async throws -> [String] {
                let response = try await client.get("\(secrets)?\(query)")
                #expect(response.status == 200, "\(query): \(response.text)")
                return (response.json["items"]?.arrayValue ?? []).compactMap { $0["metadata"]?["name"]?.stringValue }
            }
            #expect(try await names("labelSelector=app%3Dci") == ["a"])
            #expect(try await names("labelSelector=app%3D%3Dci") == ["a"])
            #expect(try await names("labelSelector=app!%3Dci") == ["b", "c"])
            #expect(try await names("labelSelector=tier%20in%20(x,y)") == ["a", "c"])
            #expect(try await names("labelSelector=tier%20notin%20(x)") == ["b", "c"])
            #expect(try await names("labelSelector=gpu") == ["b"])
            #expect(try await names("labelSelector=!gpu") == ["a", "c"])
            #expect(try await names("labelSelector=app,tier") == ["a"])
            #expect(try await names("fieldSelector=metadata.name%3Db") == ["b"])
            #expect(try await names("fieldSelector=metadata.name!%3Db") == ["a", "c"])

            let list = try await client.get(secrets)
            #expect(list.json["kind"] == "SecretList")
            #expect(list.json["apiVersion"] == "v1")
            #expect(list.json["metadata"]?["resourceVersion"]?.stringValue != nil)
            let item = try #require(list.json["items"]?.at(0))
            #expect(item["kind"] == nil && item["apiVersion"] == nil)

            let unsupported = try await client.get("\(secrets)?fieldSelector=spec.foo%3Dbar")
            #expect(unsupported.status == 400)
            #expect(unsupported.message == "field label not supported: spec.foo")
            let malformed = try await client.get("\(secrets)?labelSelector=app%20in%20ci")
            #expect(malformed.status == 400)
            #expect(malformed.reason == "BadRequest")
        }
    }

    @Test func paginationWithContinueExpiresAfterCompaction() async throws {
        try await withKubernetesSimulator { simulator, client in
            for index in 0..<5 { _ = try await client.post(secrets, TestPods.secret("s\(index)", ["k": "v"])) }
            let first = try await client.get("\(secrets)?limit=2")
            #expect(first.json["items"]?.arrayValue?.count == 2)
            #expect(first.json["metadata"]?["remainingItemCount"] == 3)
            let token = try #require(first.json["metadata"]?["continue"]?.stringValue)
            let encoded = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token
            _ = try await client.post(secrets, TestPods.secret("s5", ["k": "v"]))
            let second = try await client.get("\(secrets)?limit=10&continue=\(encoded)")
            let names = (second.json["items"]?.arrayValue ?? []).compactMap { $0["metadata"]?["name"]?.stringValue }
            #expect(names == ["s2", "s3", "s4"], "the list stays consistent at the first page's resourceVersion")
            #expect(second.json["metadata"]?["resourceVersion"] == first.json["metadata"]?["resourceVersion"])

            simulator.compact()
            let expired = try await client.get("\(secrets)?limit=2&continue=\(encoded)")
            #expect(expired.status == 410)
            #expect(expired.reason == "Expired")
        }
    }

    @Test func exactListOfCompactedVersionIsGone() async throws {
        try await withKubernetesSimulator { simulator, client in
            let old = try await client.post(secrets, TestPods.secret("a", ["k": "v"])).json["metadata"]?["resourceVersion"]?.stringValue ?? ""
            _ = try await client.post(secrets, TestPods.secret("b", ["k": "v"]))
            let exact = try await client.get("\(secrets)?resourceVersion=\(old)&resourceVersionMatch=Exact")
            #expect(exact.status == 200)
            #expect((exact.json["items"]?.arrayValue ?? []).compactMap { $0["metadata"]?["name"]?.stringValue } == ["a"])
            simulator.compact()
            let gone = try await client.get("\(secrets)?resourceVersion=\(old)&resourceVersionMatch=Exact")
            #expect(gone.status == 410)
            #expect(gone.reason == "Expired")
            #expect(gone.message?.hasPrefix("too old resource version: \(old)") == true)
            // Without Exact, an old resourceVersion means "not older than": served from now.
            let notOlder = try await client.get("\(secrets)?resourceVersion=\(old)")
            #expect(notOlder.status == 200)
        }
    }

    @Test func mergePatchOnMetadataAndConflicts() async throws {
        try await withKubernetesSimulator { _, client in
            let created = try await client.post(secrets, TestPods.secret("s", ["k": "v"], labels: ["keep": "1", "drop": "1"]))
            let version = created.json["metadata"]?["resourceVersion"]?.stringValue
            let patched = try await client.mergePatch("\(secrets)/s", [
                "metadata": ["labels": ["drop": nil, "new": "2"], "annotations": ["flywheel.dev/owner": "agent-1"]],
            ])
            #expect(patched.status == 200)
            #expect(patched.json["metadata"]?["labels"] == ["keep": "1", "new": "2"])
            #expect(patched.json["metadata"]?["annotations"] == ["flywheel.dev/owner": "agent-1"])
            #expect(patched.json["metadata"]?["resourceVersion"]?.stringValue != version)
            #expect(patched.json["data"] == created.json["data"])

            let stale = try await client.mergePatch("\(secrets)/s", ["metadata": ["resourceVersion": .string(version ?? ""), "labels": ["x": "y"]]])
            #expect(stale.status == 409)
            #expect(stale.reason == "Conflict")
            #expect(stale.message == "Operation cannot be fulfilled on secrets \"s\": the object has been modified; please apply your changes to the latest version and try again")

            let same = try await client.mergePatch("\(secrets)/s", ["metadata": ["labels": ["keep": "1"]]])
            #expect(same.json["metadata"]?["resourceVersion"] == patched.json["metadata"]?["resourceVersion"], "no-op patches do not bump the resourceVersion")

            let wrongType = try await client.send(.PATCH, "\(secrets)/s", json: ["metadata": [:]], contentType: "application/apply-patch+yaml")
            #expect(wrongType.status == 415)
            let missing = try await client.mergePatch("\(secrets)/nope", ["metadata": [:]])
            #expect(missing.status == 404)

            let jsonPatch = try await client.send(.PATCH, "\(secrets)/s", json: [
                ["op": "test", "path": "/metadata/labels/keep", "value": "1"],
                ["op": "add", "path": "/metadata/labels/json", "value": "yes"],
            ], contentType: "application/json-patch+json")
            #expect(jsonPatch.status == 200)
            #expect(jsonPatch.json["metadata"]?["labels"]?["json"] == "yes")
        }
    }

    @Test func putNeedsCurrentResourceVersion() async throws {
        try await withKubernetesSimulator { _, client in
            var secret = try await client.post(secrets, TestPods.secret("s", ["k": "v"])).json
            let version = secret["metadata"]?["resourceVersion"]
            secret["metadata"]?["labels"] = ["a": "b"]
            let updated = try await client.put("\(secrets)/s", secret)
            #expect(updated.status == 200)
            #expect(updated.json["metadata"]?["labels"] == ["a": "b"])
            let stale = try await client.put("\(secrets)/s", secret)
            #expect(stale.status == 409)
            #expect(stale.reason == "Conflict")
            secret["metadata"]?["resourceVersion"] = nil
            secret["metadata"]?["name"] = "other"
            let renamed = try await client.put("\(secrets)/s", secret)
            #expect(renamed.status == 400)
            #expect(renamed.message == "the name of the object (other) does not match the name on the URL (s)")
            _ = version
        }
    }

    @Test func errorsAreStatusObjects() async throws {
        try await withKubernetesSimulator { _, client in
            let unknown = try await client.get("/api/v1/namespaces/default/widgets")
            #expect(unknown.status == 404)
            #expect(unknown.json == ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                                     "message": "the server could not find the requested resource", "reason": "NotFound",
                                     "details": [:], "code": 404])

            let notAllowed = try await client.send(.PUT, pods, json: [:])
            #expect(notAllowed.status == 405)
            #expect(notAllowed.reason == "MethodNotAllowed")

            let invalid = try await client.post(pods, TestPods.pod("bad", containers: [["name": "build"]]))
            #expect(invalid.status == 422)
            #expect(invalid.reason == "Invalid")
            #expect(invalid.message == "Pod \"bad\" is invalid: spec.containers[0].image: Required value")
            #expect(invalid.json["details"]?["kind"] == "Pod")
            #expect(invalid.json["details"]?["causes"] == [["reason": "FieldValueRequired", "message": "Required value", "field": "spec.containers[0].image"]])

            let badName = try await client.post(secrets, TestPods.secret("Not_Valid", ["k": "v"]))
            #expect(badName.status == 422)
            #expect(badName.message?.hasPrefix("Secret \"Not_Valid\" is invalid: metadata.name: Invalid value: \"Not_Valid\": a lowercase RFC 1123 subdomain") == true)

            var typo = TestPods.shell("typo", "true")
            typo["spec"]?["containers"] = [["name": "build", "image": "alpine:3", "comand": ["true"]]]
            let strict = try await client.post("\(pods)?fieldValidation=Strict", typo)
            #expect(strict.status == 400)
            #expect(strict.message == "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.containers[0].comand\"")
            let warned = try await client.post(pods, typo)
            #expect(warned.status == 201)
            #expect(warned.headers.first(name: "Warning") == "299 - \"unknown field \\\"spec.containers[0].comand\\\"\"")
            #expect(warned.json["spec"]?["containers"]?.at(0)?["comand"] == nil)

            var wrongType = TestPods.shell("types", "true")
            wrongType["spec"]?["activeDeadlineSeconds"] = "ten"
            let typed = try await client.post(pods, wrongType)
            #expect(typed.status == 400)
            #expect(typed.message?.contains("cannot unmarshal string into Go struct field .spec.activeDeadlineSeconds of type int64") == true)

            let notJSON = try await client.send(.POST, pods, body: Array("{".utf8))
            #expect(notJSON.status == 400)
        }
    }

    @Test func podSpecIsImmutableExceptImageAndDeadline() async throws {
        try await withKubernetesSimulator { _, client in
            var pod = TestPods.shell("p", "sleep 30")
            pod["spec"]?["activeDeadlineSeconds"] = 100
            _ = try await client.createPod(pod)
            let lower = try await client.mergePatch("\(pods)/p", ["spec": ["activeDeadlineSeconds": 50]])
            #expect(lower.status == 200)
            let raise = try await client.mergePatch("\(pods)/p", ["spec": ["activeDeadlineSeconds": 500]])
            #expect(raise.status == 422)
            let change = try await client.mergePatch("\(pods)/p", ["spec": ["restartPolicy": "Always"]])
            #expect(change.status == 422)
            #expect(change.message?.contains("pod updates may not change fields other than") == true)
            let status = try await client.mergePatch("\(pods)/p", ["status": ["phase": "Succeeded"]])
            #expect(status.status == 200)
            #expect(status.json["status"]?["phase"]?.stringValue != "Succeeded", "status is owned by the kubelet")
            _ = try await client.delete("\(pods)/p", ["gracePeriodSeconds": 0])
        }
    }

    @Test func namespacesMustExist() async throws {
        try await withKubernetesSimulator { simulator, client in
            let refused = try await client.post("/api/v1/namespaces/ci/secrets", TestPods.secret("s", ["k": "v"]))
            #expect(refused.status == 404)
            #expect(refused.message == "namespaces \"ci\" not found")
            let namespace = try await client.post("/api/v1/namespaces", ["metadata": ["name": "ci"]])
            #expect(namespace.status == 201)
            #expect(namespace.json["status"]?["phase"] == "Active")
            #expect(try await client.post("/api/v1/namespaces/ci/secrets", TestPods.secret("s", ["k": "v"])).status == 201)
            #expect(simulator.object("serviceaccounts", name: "default", namespace: "ci") != nil)
            #expect(simulator.object("configmaps", name: "kube-root-ca.crt", namespace: "ci") != nil)
            let everywhere = try await client.get("/api/v1/secrets")
            #expect(everywhere.json["items"]?.arrayValue?.count == 1)
        }
    }

    @Test func deleteSecretAnswersStatusSuccessAndPreconditions() async throws {
        try await withKubernetesSimulator { _, client in
            let secret = try await client.post(secrets, TestPods.secret("s", ["k": "v"])).json
            let wrongUID = try await client.delete("\(secrets)/s", ["preconditions": ["uid": "00000000-0000-0000-0000-000000000000"]])
            #expect(wrongUID.status == 409)
            #expect(wrongUID.message?.contains("Precondition failed: UID in precondition") == true)
            let deleted = try await client.delete("\(secrets)/s")
            #expect(deleted.status == 200)
            #expect(deleted.json == ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success",
                                     "details": ["name": "s", "kind": "secrets", "uid": secret["metadata"]?["uid"] ?? nil]])
            #expect(try await client.delete("\(secrets)/s").status == 404)
        }
    }

    @Test func ownerReferencesAreGarbageCollected() async throws {
        try await withKubernetesSimulator { simulator, client in
            let pod = try await client.createPod(TestPods.shell("owner", "sleep 30"))
            let reference: SimulatedJSON = ["apiVersion": "v1", "kind": "Pod", "name": "owner", "uid": pod["metadata"]?["uid"] ?? nil,
                                            "controller": false, "blockOwnerDeletion": false]
            var owned = TestPods.secret("owned", ["k": "v"])
            owned["metadata"]?["ownerReferences"] = [reference]
            #expect(try await client.post(secrets, owned).status == 201)
            var orphan = TestPods.secret("kept", ["k": "v"])
            orphan["metadata"]?["ownerReferences"] = [reference]
            _ = try await client.post(secrets, orphan)
            var attached = TestPods.secret("attached-later", ["k": "v"])
            _ = try await client.post(secrets, attached)
            attached = try await client.mergePatch("\(secrets)/attached-later", ["metadata": ["ownerReferences": [reference]]]).json
            #expect(attached["metadata"]?["ownerReferences"]?.arrayValue?.count == 1)

            // A dependent whose owner does not exist is collected right away.
            var dangling = TestPods.secret("dangling", ["k": "v"])
            dangling["metadata"]?["ownerReferences"] = [["apiVersion": "v1", "kind": "Pod", "name": "ghost",
                                                          "uid": "11111111-2222-3333-4444-555555555555"]]
            #expect(try await client.post(secrets, dangling).status == 201)
            #expect(simulator.object("secrets", name: "dangling") == nil)

            // Orphan: the dependent loses the reference but stays.
            _ = try await client.mergePatch("\(secrets)/kept", ["metadata": ["ownerReferences": [reference, [
                "apiVersion": "v1", "kind": "ConfigMap", "name": "kube-root-ca.crt",
                "uid": simulator.object("configmaps", name: "kube-root-ca.crt")?["metadata"]?["uid"] ?? nil]]]])
            let deleted = try await client.delete("\(pods)/owner", ["gracePeriodSeconds": 0, "propagationPolicy": "Background"])
            #expect(deleted.status == 200)
            #expect(deleted.json["kind"] == "Pod")
            try await simulator.waitForDeletion("secrets", name: "owned")
            try await simulator.waitForDeletion("secrets", name: "attached-later")
            let kept = try #require(simulator.object("secrets", name: "kept"))
            #expect(kept["metadata"]?["ownerReferences"]?.arrayValue?.count == 1, "another owner is alive: only the dead reference is removed")
        }
    }

    @Test func orphanPropagationKeepsDependents() async throws {
        try await withKubernetesSimulator { simulator, client in
            let pod = try await client.createPod(TestPods.shell("owner", "sleep 30"))
            var owned = TestPods.secret("owned", ["k": "v"])
            owned["metadata"]?["ownerReferences"] = [["apiVersion": "v1", "kind": "Pod", "name": "owner", "uid": pod["metadata"]?["uid"] ?? nil]]
            _ = try await client.post(secrets, owned)
            _ = try await client.delete("\(pods)/owner?gracePeriodSeconds=0&propagationPolicy=Orphan")
            try await simulator.waitForDeletion("pods", name: "owner")
            let kept = try #require(simulator.object("secrets", name: "owned"))
            #expect(kept["metadata"]?["ownerReferences"] == nil)
        }
    }

    @Test func leasesAndDeploymentsAreStoredObjects() async throws {
        try await withKubernetesSimulator { _, client in
            let leases = "/apis/coordination.k8s.io/v1/namespaces/default/leases"
            let lease: SimulatedJSON = ["apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": ["name": "deploy"],
                                        "spec": ["holderIdentity": "agent-1", "leaseDurationSeconds": 15,
                                                 "acquireTime": "2025-01-01T00:00:00.000000Z", "renewTime": "2025-01-01T00:00:00.000000Z"]]
            let created = try await client.post(leases, lease)
            #expect(created.status == 201)
            var current = created.json
            current["spec"]?["holderIdentity"] = "agent-2"
            #expect(try await client.put("\(leases)/deploy", current).status == 200)
            let conflict = try await client.put("\(leases)/deploy", current)
            #expect(conflict.status == 409)
            #expect(conflict.message?.hasPrefix("Operation cannot be fulfilled on leases.coordination.k8s.io \"deploy\"") == true)
            let upsert = try await client.put("\(leases)/other", ["metadata": ["name": "other"], "spec": ["holderIdentity": "x"]])
            #expect(upsert.status == 201, "leases are created on update")
            let missing = try await client.get("\(leases)/nope")
            #expect(missing.message == "leases.coordination.k8s.io \"nope\" not found")
            #expect(missing.json["details"]?["group"] == "coordination.k8s.io")
            let invalid = try await client.post(leases, ["metadata": ["name": "bad"], "spec": ["leaseDurationSeconds": 0]])
            #expect(invalid.status == 422)

            let deployments = "/apis/apps/v1/namespaces/default/deployments"
            let deployment: SimulatedJSON = [
                "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "agent"],
                "spec": ["selector": ["matchLabels": ["app": "agent"]],
                         "template": ["metadata": ["labels": ["app": "agent"]],
                                      "spec": ["containers": [["name": "agent", "image": "flywheel:1"]]]]],
            ]
            let made = try await client.post(deployments, deployment)
            #expect(made.status == 201)
            #expect(made.json["metadata"]?["generation"] == 1)
            #expect(made.json["spec"]?["replicas"] == 1)
            #expect(made.json["spec"]?["strategy"]?["rollingUpdate"]?["maxSurge"] == "25%")
            #expect(made.json["spec"]?["template"]?["spec"]?["restartPolicy"] == "Always")
            let scaled = try await client.mergePatch("\(deployments)/agent", ["spec": ["replicas": 3], "status": ["replicas": 9]])
            #expect(scaled.json["metadata"]?["generation"] == 2)
            #expect(scaled.json["status"]?["replicas"] == nil, "status is not writable through the main resource")
            let relabel = try await client.mergePatch("\(deployments)/agent", ["spec": ["template": ["metadata": ["labels": ["app": "other"]]]]])
            #expect(relabel.status == 422)
            let list = try await client.get("/apis/apps/v1/deployments")
            #expect(list.json["kind"] == "DeploymentList")
            #expect(list.json["apiVersion"] == "apps/v1")
        }
    }

    @Test func discoveryDocumentsForKubectl() async throws {
        try await withKubernetesSimulator { simulator, client in
            let api = try await client.get("/api")
            #expect(api.json["kind"] == "APIVersions")
            #expect(api.json["versions"] == ["v1"])
            #expect(api.headers.first(name: "Content-Type") == "application/json")
            let groups = try await client.get("/apis")
            let names = (groups.json["groups"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
            #expect(names == ["apps", "coordination.k8s.io"])
            let core = try await client.get("/api/v1")
            let resources = (core.json["resources"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
            #expect(resources.contains("pods") && resources.contains("pods/log") && resources.contains("secrets"))
            let apps = try await client.get("/apis/apps/v1")
            #expect(apps.json["groupVersion"] == "apps/v1")
            let version = try await client.get("/version")
            #expect(version.json["gitVersion"] == .string(simulator.configuration.kubernetesVersion))
            let openapi = try await client.get("/openapi/v3")
            let url = try #require(openapi.json["paths"]?["api/v1"]?["serverRelativeURL"]?.stringValue)
            let document = try await client.get(url)
            let parameters = document.json["paths"]?["/api/v1/namespaces/{namespace}/pods/{name}"]?["patch"]?["parameters"]
            #expect(parameters?.at(0)?["name"] == "fieldValidation")
            #expect(try await client.get("/openapi/v2").status == 404)
        }
    }

    @Test func bearerTokenIsRequired() async throws {
        try await withKubernetesSimulator(token: "secret-token") { simulator, client in
            #expect(try await client.get(pods).status == 200)
            var anonymous = client
            anonymous.token = nil
            let refused = try await anonymous.get(pods)
            #expect(refused.status == 401)
            #expect(refused.json == ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                                     "message": "Unauthorized", "reason": "Unauthorized", "code": 401])
            #expect(try await anonymous.get("/version").status == 200, "public info stays readable anonymously")
            var wrong = client
            wrong.token = "nope"
            #expect(try await wrong.get(pods).status == 401)
            #expect(try await wrong.get("/version").status == 401)
            let lowercase = try await anonymous.get(pods, headers: [("Authorization", "bearer secret-token")])
            #expect(lowercase.status == 200, "the scheme is case-insensitive")

            simulator.setTokens(["rotated"])
            #expect(try await client.get(pods).status == 401)
            var rotated = client
            rotated.token = "rotated"
            #expect(try await rotated.get(pods).status == 200)
        }
    }

    @Test func servesHTTPSWithTheGeneratedCA() async throws {
        try await withKubernetesSimulator(tls: true, token: "tls-token") { simulator, client in
            #expect(simulator.baseURL.hasPrefix("https://127.0.0.1:"))
            let caFile = try #require(simulator.caFile)
            #expect(FileManager.default.fileExists(atPath: caFile))
            let response = try await client.get(pods)
            #expect(response.status == 200)
            #expect(response.json["kind"] == "PodList")
            let recorded = try #require(simulator.requests(pathContains: "/pods").last)
            #expect(recorded.headers["Authorization"] == "Bearer tls-token")
        }
    }
}
