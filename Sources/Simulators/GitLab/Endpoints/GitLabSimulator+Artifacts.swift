import Synchronization

import Foundation

extension GitLabSimulator {
    /// `POST /api/v4/jobs/:id/artifacts` (notes §9.1).
    ///
    /// 404 unknown job; 403 wrong token (`token` parameter, else `JOB-TOKEN`); 403 with `Job-Status`
    /// unless the job is running or canceling (artifacts go up before the final update); 400
    /// unless the body is `multipart/form-data` with a `file` part; 413 past
    /// ``GitLabSimulatorConfiguration/maximumArtifactSize``; else stored and answered 201.
    func uploadArtifact(_ id: Int64, _ request: SimulatorHTTPRequest) -> SimulatorHTTPResponse {
        let presentedToken = request.queryValue("token") ?? request.headers["JOB-TOKEN"]
        let form = MultipartFormData(contentType: request.headers["Content-Type"] ?? "", body: request.body)
        let file = form?.parts.first { $0.name == "file" }
        let limit = configuration.maximumArtifactSize

        enum Outcome: Sendable {
            case notFound, forbidden, notProcessing(SimulatedJobState), badRequest, tooLarge, stored
        }
        let outcome = mutate { state -> Outcome in
            guard let job = state.jobs[id] else { return .notFound }
            guard presentedToken == job.token else { return .forbidden }
            guard job.processingOnRunner else { return .notProcessing(job.state) }
            guard let file else { return .badRequest }
            if let limit, file.body.count > limit { return .tooLarge }
            state.artifacts.append(
                SimulatedArtifact(
                    jobID: id,
                    filename: file.filename ?? "artifacts",
                    format: request.queryValue("artifact_format") ?? "zip",
                    type: request.queryValue("artifact_type") ?? "archive",
                    expireIn: request.queryValue("expire_in"),
                    bytes: file.body
                )
            )
            return .stored
        }
        switch outcome {
        case .notFound: return .gitLabMessage(404, "404 Not found")
        case .forbidden: return .gitLabMessage(403, "403 Forbidden")
        case .notProcessing(let status):
            return .gitLabMessage(403, "403 Forbidden - Job is not processing on runner", headers: ["Job-Status": status.rawValue])
        case .badRequest: return .gitLabParameterError("file is missing")
        case .tooLarge: return .gitLabMessage(413, "413 Request Entity Too Large")
        case .stored: return .text(201, "201")
        }
    }

    /// `GET /api/v4/jobs/:id/artifacts` (notes §9.2): downloads the `archive` artifact of job `:id`
    /// (a dependency). 401 without a token; 403 unless the token belongs to a running or canceling
    /// job, or to job `:id` itself; 404 when there is no archive; else 200 with the bytes.
    func downloadArtifact(_ id: Int64, _ request: SimulatorHTTPRequest) -> SimulatorHTTPResponse {
        guard let presentedToken = request.queryValue("token") ?? request.headers["JOB-TOKEN"] else {
            return .gitLabMessage(401, "401 Unauthorized")
        }
        enum Outcome: Sendable {
            case forbidden, notFound, found(SimulatedArtifact)
        }
        let outcome = state.withLock { state -> Outcome in
            let authorized = state.jobs.values.contains { job in
                job.token == presentedToken && (job.processingOnRunner || job.id == id)
            }
            guard authorized else { return .forbidden }
            guard let archive = state.artifacts.last(where: { $0.jobID == id && $0.type == "archive" }) else {
                return .notFound
            }
            return .found(archive)
        }
        switch outcome {
        case .forbidden: return .gitLabMessage(403, "403 Forbidden")
        case .notFound: return .gitLabMessage(404, "404 Not Found")
        case .found(let artifact):
            return SimulatorHTTPResponse(
                status: 200,
                headers: [
                    "Content-Type": "application/octet-stream",
                    "Content-Disposition": "attachment; filename=\"\(artifact.filename)\"",
                ],
                body: artifact.bytes
            )
        }
    }
}
