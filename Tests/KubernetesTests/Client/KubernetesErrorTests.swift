import Foundation
import Kubernetes
import Logging
import NIOHTTP1
import Testing

@Suite struct KubernetesErrorTests {
    func client(_ steps: [ScriptedTransport.Responder]) -> (KubernetesClient, ScriptedTransport) {
        let transport = ScriptedTransport(steps)
        return (KubernetesClient(transport: transport, retry: .fast, logger: .quiet), transport)
    }

    @Test func statusAnswersBecomeTypedErrors() async throws {
        let body = #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Pod \"x\" is invalid: spec.containers[0].name: Required value","reason":"Invalid","details":{"name":"x","kind":"pods","causes":[{"reason":"FieldValueRequired","message":"Required value","field":"spec.containers[0].name"}]},"code":422}"#
        let (client, _) = client([ScriptedTransport.json(body, status: .unprocessableEntity)])
        do {
            _ = try await client.create(Pod(metadata: ObjectMeta(name: "x")), namespace: "ci", options: CreateOptions())
            Issue.record("expected an error")
        } catch let error as KubernetesError {
            #expect(error.code == 422)
            #expect(error.reason == "Invalid")
            #expect(error.isInvalid)
            #expect(error.status?.details?.causes?.first?.field == "spec.containers[0].name")
            #expect(error.operation == "POST /api/v1/namespaces/ci/pods")
            #expect(error.description.contains("spec.containers[0].name"))
            #expect(error.description.contains("fix the fields"))
        }
    }

    @Test(arguments: [
        (404, "NotFound", "isNotFound"),
        (409, "AlreadyExists", "isAlreadyExists"),
        (409, "Conflict", "isConflict"),
        (410, "Expired", "isGone"),
        (410, "Gone", "isGone"),
        (403, "Forbidden", "isForbidden"),
        (400, "BadRequest", "isBadRequest"),
    ])
    func helpersClassify(code: Int, reason: String, helper: String) async throws {
        let (client, _) = client([ScriptedTransport.status(code, reason: reason, message: "m")])
        do {
            _ = try await client.get(Pod.self, name: "x", namespace: "ci")
            Issue.record("expected an error")
        } catch let error as KubernetesError {
            let flags = [
                "isNotFound": error.isNotFound, "isAlreadyExists": error.isAlreadyExists, "isConflict": error.isConflict,
                "isGone": error.isGone, "isForbidden": error.isForbidden, "isBadRequest": error.isBadRequest,
            ]
            #expect(flags[helper] == true)
            #expect(flags.values.filter { $0 }.count == 1)
            #expect(error.code == code)
            #expect(error.reason == reason)
        }
    }

    @Test func alreadyExistsIsNotAConflict() {
        let exists = KubernetesError(operation: "POST", code: 409, reason: "AlreadyExists", message: #"pods "x" already exists"#)
        #expect(exists.isAlreadyExists && !exists.isConflict)
        let conflict = KubernetesError(operation: "PUT", code: 409, reason: "Conflict", message: "the object has been modified")
        #expect(conflict.isConflict && !conflict.isAlreadyExists)
    }

    @Test func nonStatusBodiesStillGiveAReason() async throws {
        let (client, _) = client([ScriptedTransport.json("<html>bad gateway</html>", status: .forbidden)])
        do {
            _ = try await client.get(Pod.self, name: "x", namespace: "ci")
            Issue.record("expected an error")
        } catch let error as KubernetesError {
            #expect(error.code == 403)
            #expect(error.reason == "Forbidden")
            #expect(error.message == "<html>bad gateway</html>")
        }
    }

    @Test func aLogNotReadyYetSaysToWait() {
        let error = KubernetesError(operation: "GET log", code: 400, reason: "BadRequest", message: #"container "build" in pod "p" is waiting to start: ContainerCreating"#)
        #expect(error.advice.contains("wait for the watch"))
    }

    @Test func undecodableAnswersAreClientErrors() async throws {
        let (client, _) = client([ScriptedTransport.json(#"{"metadata":"nope"}"#)])
        do {
            _ = try await client.get(Pod.self, name: "x", namespace: "ci")
            Issue.record("expected an error")
        } catch let error as KubernetesClientError {
            #expect(error.code == .decoding)
            #expect(error.message.contains("metadata"))
        }
    }
}
