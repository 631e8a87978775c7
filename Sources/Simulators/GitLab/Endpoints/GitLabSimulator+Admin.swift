import Foundation
import Synchronization

extension GitLabSimulator {
    /// The admin API under `/-/sim/` (see docs/simulators.md).
    func handleAdmin(_ request: SimulatorHTTPRequest) async -> SimulatorHTTPResponse {
        var path = request.path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        let parts = Array(path.split(separator: "/").map(String.init).dropFirst(2))  // drop "-", "sim"
        // Route shape: the resource path with any numeric job id replaced by ":id".
        let jobID = parts.count >= 2 && parts[0] == "jobs" ? Int64(parts[1]) : nil
        let shape = parts.enumerated().map { index, part in index == 1 && jobID != nil ? ":id" : part }
            .joined(separator: "/")
        switch (request.method, shape) {
        case ("POST", "jobs"):
            do throws(SimulatorError) {
                let job = try enqueue(jobJSON: request.body)
                return .gitLabJSON(201, ["id": .int(job.rawValue), "token": .string(job.token)])
            } catch {
                return .gitLabJSON(400, ["error": .string(error.description)])
            }
        case ("GET", "jobs"):
            return .gitLabJSON(200, .array(jobs.map(\.json)))
        case ("GET", "jobs/:id"):
            guard let id = jobID, let snapshot = job(id) else { return Self.adminNotFound }
            return .gitLabJSON(200, snapshot.json)
        case ("GET", "jobs/:id/trace"):
            guard let id = jobID, let snapshot = job(id) else { return Self.adminNotFound }
            return SimulatorHTTPResponse(
                status: 200,
                headers: ["Content-Type": "text/plain; charset=utf-8"],
                body: snapshot.trace
            )
        case ("GET", "jobs/:id/wait"):
            guard let id = jobID, job(id) != nil else { return Self.adminNotFound }
            let seconds = request.queryValue("timeout").flatMap(Double.init) ?? 60
            let timeout = Duration.milliseconds(Int64(max(seconds, 0) * 1000))
            let wanted = request.queryValue("state").flatMap(SimulatedJobState.init(rawValue:))
            do throws(SimulatorError) {
                let snapshot: SimulatedJobSnapshot
                if let wanted {
                    snapshot = try await waitForState(job: id, wanted, timeout: timeout)
                } else {
                    snapshot = try await waitForFinalState(job: id, timeout: timeout)
                }
                return .gitLabJSON(200, snapshot.json)
            } catch .timedOut {
                return .gitLabJSON(408, job(id)?.json ?? .null)
            } catch {
                return .gitLabJSON(503, ["error": .string(error.description)])
            }
        case ("POST", "jobs/:id/cancel"):
            guard let id = jobID else { return Self.adminNotFound }
            let graceful = request.queryValue("graceful")?.lowercased() == "true"
            guard cancel(job: id, graceful: graceful) != nil, let snapshot = job(id) else { return Self.adminNotFound }
            return .gitLabJSON(200, snapshot.json)
        case ("GET", "jobs/:id/artifacts"):
            guard let id = jobID else { return Self.adminNotFound }
            return .gitLabJSON(200, .array(artifacts(job: id).map { artifact in
                var item: [String: SimulatedJSON] = [
                    "job_id": .int(artifact.jobID),
                    "filename": .string(artifact.filename),
                    "format": .string(artifact.format),
                    "type": .string(artifact.type),
                    "bytesize": .int(Int64(artifact.bytes.count)),
                    "bytes_base64": .string(Data(artifact.bytes).base64EncodedString()),
                ]
                item["expire_in"] = artifact.expireIn.map { .string($0) } ?? .null
                return .object(item)
            }))
        case ("POST", "jobs/:id/artifacts"):
            guard let id = jobID else { return Self.adminNotFound }
            seedArtifact(
                SimulatedArtifact(
                    jobID: id,
                    filename: request.queryValue("filename") ?? "artifacts.zip",
                    format: request.queryValue("format") ?? "zip",
                    type: request.queryValue("type") ?? "archive",
                    bytes: request.body
                )
            )
            return SimulatorHTTPResponse(status: 201)
        case ("POST", "faults"):
            do throws(SimulatorError) {
                let spec = try SimulatedJSON(parsing: request.body)
                let fault = try SimulatedFault(json: spec["fault"] ?? spec)
                guard let endpoint = SimulatedEndpoint(rawValue: spec["endpoint"]?.stringValue ?? "") else {
                    throw .invalidPayload("fault needs an \"endpoint\" (\(SimulatedEndpoint.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                let count = Int(spec["count"]?.intValue ?? 1)
                let job = spec["job"]?.intValue
                arm(fault, endpoint: endpoint, job: job, count: count)
                var echo: [String: SimulatedJSON] = [
                    "endpoint": .string(endpoint.rawValue), "count": .int(Int64(count)), "fault": fault.json,
                ]
                echo["job"] = job.map { .int($0) } ?? .null
                return .gitLabJSON(201, .object(echo))
            } catch {
                return .gitLabJSON(400, ["error": .string(error.description)])
            }
        case ("GET", "faults"):
            let armed = state.withLock { $0.faults }
            return .gitLabJSON(200, .array(armed.map { fault in
                var item: [String: SimulatedJSON] = [
                    "endpoint": .string(fault.endpoint.rawValue),
                    "remaining": .int(Int64(fault.remaining)),
                    "fault": fault.fault.json,
                ]
                item["job"] = fault.job.map { .int($0) } ?? .null
                return .object(item)
            }))
        case ("DELETE", "faults"):
            disarmAllFaults()
            return SimulatorHTTPResponse(status: 204)
        case ("GET", "requests"):
            return .gitLabJSON(200, .array(requests.map(Self.json(for:))))
        case ("GET", "managers"):
            return .gitLabJSON(200, .array(managers().map { manager in
                [
                    "runner_id": .int(manager.runnerID),
                    "system_id": .string(manager.systemID),
                    "info": manager.info ?? .null,
                    "last_info": manager.lastInfo ?? .null,
                    "contacts": .int(Int64(manager.contacts)),
                ]
            }))
        case ("GET", "runners"):
            return .gitLabJSON(200, .array(runners.map { runner in
                [
                    "id": .int(runner.id),
                    "token": .string(runner.token),
                    "registered_with_registration_token": .bool(runner.registeredWithRegistrationToken),
                    "deleted": .bool(runner.deleted),
                    "tags": .array(runner.tags.map { .string($0) }),
                    "run_untagged": .bool(runner.runUntagged),
                ]
            }))
        case ("POST", "runners"):
            guard let body = try? SimulatedJSON(parsing: request.body), let token = body["token"]?.stringValue, !token.isEmpty else {
                return .gitLabJSON(400, ["error": "expected {\"token\": …, \"tags\": […], \"run_untagged\": bool}"])
            }
            let tags = Self.tags(body["tags"])
            let runner = addRunner(token: token, tags: tags, runUntagged: body["run_untagged"]?.boolValue ?? tags.isEmpty)
            return .gitLabJSON(201, ["id": .int(runner.id), "token": .string(runner.token)])
        case ("GET", "queue"):
            return .gitLabJSON(200, [
                "version": .string(queueVersion),
                "jobs": .array(queuedJobIDs.map { .int($0) }),
                "held_long_polls": .int(Int64(heldLongPolls)),
            ])
        default:
            return Self.adminNotFound
        }
    }

    private static var adminNotFound: SimulatorHTTPResponse {
        .gitLabJSON(404, ["error": "not found"])
    }

    static func json(for request: RecordedRequest) -> SimulatedJSON {
        var headers: [SimulatedJSON] = []
        for field in request.headers { headers.append([.string(field.name), .string(field.value)]) }
        var object: [String: SimulatedJSON] = [
            "sequence": .int(Int64(request.sequence)),
            "time": .string(ISO8601DateFormatter().string(from: request.time)),
            "method": .string(request.method),
            "uri": .string(request.uri),
            "path": .string(request.path),
            "headers": .array(headers),
            "body_base64": .string(Data(request.body).base64EncodedString()),
            "body_text": .string(request.bodyText),
        ]
        object["query"] = .object(Dictionary(
            request.query.map { ($0.name, $0.value.map { SimulatedJSON.string($0) } ?? .null) },
            uniquingKeysWith: { first, _ in first }
        ))
        object["endpoint"] = request.endpoint.map { .string($0.rawValue) } ?? .null
        object["job_id"] = request.jobID.map { .int($0) } ?? .null
        object["response_status"] = request.responseStatus.map { .int(Int64($0)) } ?? .null
        object["fault"] = request.fault?.json ?? .null
        return .object(object)
    }
}
