import NIOHTTP1
import Simulators
import Testing

@Suite struct ArtifactTests {
    private func multipart(boundary: String, filename: String, content: [UInt8]) -> [UInt8] {
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += content
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return body
    }

    @Test func uploadThenDownloadAsADependency() async throws {
        try await withSimulator { simulator, client in
            let build = simulator.enqueue()
            let test = simulator.enqueue()
            _ = try await client.takeAndStart()
            let content: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x00, 0x0D, 0x0A, 0x2D, 0x2D]
            let upload = try await client.send(
                .POST,
                "/api/v4/jobs/\(build.rawValue)/artifacts?artifact_format=zip&artifact_type=archive&expire_in=1%20week",
                headers: [("JOB-TOKEN", build.token), ("Content-Type", "multipart/form-data; boundary=XyZ")],
                body: multipart(boundary: "XyZ", filename: "artifacts.zip", content: content)
            )
            #expect(upload.status == 201)
            let stored = try #require(simulator.artifacts(job: build.rawValue).first)
            #expect(stored.bytes == content)
            #expect(stored.filename == "artifacts.zip")
            #expect(stored.expireIn == "1 week")
            _ = try await client.updateJob(build, state: "success")

            _ = try await client.takeAndStart()
            let download = try await client.send(
                .GET, "/api/v4/jobs/\(build.rawValue)/artifacts?direct_download=true", headers: [("JOB-TOKEN", test.token)]
            )
            #expect(download.status == 200)
            #expect(download.body == content)
            #expect(try await client.send(.GET, "/api/v4/jobs/\(build.rawValue)/artifacts").status == 401)
            #expect(try await client.send(.GET, "/api/v4/jobs/\(build.rawValue)/artifacts", headers: [("JOB-TOKEN", "glcbt-x")]).status == 403)
            #expect(try await client.send(.GET, "/api/v4/jobs/\(test.rawValue)/artifacts", headers: [("JOB-TOKEN", test.token)]).status == 404)
        }
    }

    @Test func uploadRules() async throws {
        try await withSimulator({ $0.maximumArtifactSize = 4 }) { simulator, client in
            let job = simulator.enqueue()
            let path = "/api/v4/jobs/\(job.rawValue)/artifacts"
            let form = multipart(boundary: "b", filename: "a.zip", content: [1, 2])
            let headers = [("JOB-TOKEN", job.token), ("Content-Type", "multipart/form-data; boundary=b")]
            let early = try await client.send(.POST, path, headers: headers, body: form)
            #expect(early.status == 403)
            #expect(early.header("Job-Status") == "pending")
            _ = try await client.takeAndStart()
            #expect(try await client.send(.POST, path, headers: [("JOB-TOKEN", job.token)], body: [1]).status == 400)
            let big = multipart(boundary: "b", filename: "a.zip", content: [1, 2, 3, 4, 5])
            #expect(try await client.send(.POST, path, headers: headers, body: big).status == 413)
            #expect(try await client.send(.POST, path, headers: [("JOB-TOKEN", "nope"), headers[1]], body: form).status == 403)
            #expect(try await client.send(.POST, path, headers: headers, body: form).status == 201)
        }
    }

    @Test func seededArtifactsAreServed() async throws {
        try await withSimulator { simulator, client in
            simulator.seedArtifact(SimulatedArtifact(jobID: 4240, filename: "artifacts.zip", bytes: [9, 9]))
            let job = simulator.enqueue()
            _ = try await client.takeAndStart()
            let download = try await client.send(.GET, "/api/v4/jobs/4240/artifacts", headers: [("JOB-TOKEN", job.token)])
            #expect(download.body == [9, 9])
            let listed = try await client.send(.GET, "/-/sim/jobs/4240/artifacts")
            #expect(listed.json?.arrayValue?.first?["bytesize"]?.intValue == 2)
        }
    }
}
