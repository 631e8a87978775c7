import AsyncHTTPClient
import Executors
import Foundation
import JobExecution
import NixCache
import RunnerConfiguration
import Testing

/// The job cache's S3 store against moto with signature checking on (the IAM user from
/// ``MotoServer``): archives go up and come back byte for byte, under gitlab-runner's layout; a
/// missing key is a plain miss; a wrong secret is refused. (The supervisor's cache stages are
/// covered end to end with the local store in JobCacheEndToEndTests.)
@Suite("S3 job cache", .enabled(if: MotoServer.executable != nil, "needs moto_server (make test installs moto[server] into .venv)"), .timeLimit(.minutes(2)))
struct S3CacheStoreTests {
    static func settings(_ session: MotoServer.Session, secret: String? = nil, shared: Bool = false) -> CacheSettings {
        let address = session.endpoint.replacingOccurrences(of: "http://", with: "")
        return CacheSettings(path: "ci-cache", shared: shared, s3: S3CacheSettings(
            serverAddress: address, accessKey: session.credentials.accessKeyID, secretKey: secret ?? session.credentials.secretAccessKey,
            bucketName: "job-cache", bucketLocation: MotoServer.region, insecure: true
        ))
    }

    @Test func archivesRoundTripUnderGitLabRunnersLayout() async throws {
        try await MotoServer.with { session in
            try await MotoServer.createBucket("job-cache", session: session)
            let directory = NSTemporaryDirectory() + "s3-job-cache-" + UUID().uuidString.prefix(8)
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            var bytes = [UInt8](repeating: 0, count: 3 << 20)
            for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index &* 2_654_435_761 >> 13) }
            try Data(bytes).write(to: URL(fileURLWithPath: directory + "/cache.zip"))

            let store = S3CacheStore(settings: Self.settings(session), shortToken: "abc123", projectID: 42, http: .shared)
            #expect(try await store.fetch(key: "deps-v1", to: directory + "/miss.zip") == false, "a key never stored is a miss")
            try await store.store(key: "deps/v1", from: directory + "/cache.zip")
            #expect(try await store.fetch(key: "deps/v1", to: directory + "/back.zip"))
            #expect(FileManager.default.contents(atPath: directory + "/back.zip") == Data(bytes))
            let object = try await MotoServer.object("ci-cache/runner/abc123/project/42/deps/v1", bucket: "job-cache", session: session)
            #expect(object.map { Data($0) } == Data(bytes), "stored at <Path>/runner/<token>/project/<id>/<key>")

            let shared = S3CacheStore(settings: Self.settings(session, shared: true), shortToken: "other", projectID: 42, http: .shared)
            try await shared.store(key: "deps-v2", from: directory + "/cache.zip")
            #expect(try await MotoServer.object("ci-cache/project/42/deps-v2", bucket: "job-cache", session: session) != nil)

            let forged = S3CacheStore(settings: Self.settings(session, secret: "not-the-secret"), shortToken: "abc123", projectID: 42, http: .shared)
            await #expect(throws: CacheStoreError.self) { try await forged.store(key: "forged", from: directory + "/cache.zip") }
            await #expect(throws: CacheStoreError.self) { _ = try await forged.fetch(key: "deps/v1", to: directory + "/forged.zip") }
        }
    }
}
