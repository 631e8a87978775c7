import Foundation
@testable import NixCache
import NIOHTTP1
import Testing

@Suite("S3 binary cache")
struct S3TargetTests {
    /// The AWS SigV4 documentation's "GET Bucket Lifecycle" example reproduces exactly.
    @Test func signerMatchesTheAWSDocumentationExample() throws {
        let signer = S3Signer(
            credentials: S3Credentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            region: "us-east-1")
        var headers = HTTPHeaders()
        let date = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z
        signer.sign(method: "GET", url: "https://examplebucket.s3.amazonaws.com/?lifecycle", headers: &headers,
                    payloadSHA256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", date: date)
        #expect(headers.first(name: "Authorization") == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")

        var list = HTTPHeaders()
        signer.sign(method: "GET", url: "https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J", headers: &list,
                    payloadSHA256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", date: date)
        #expect(list.first(name: "Authorization")?.hasSuffix("Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7") == true)
    }

    /// moto runs with signature checking on (see ``MotoServer``): the closure is pushed
    /// with the IAM user's key, a wrong secret or an unsigned request is refused, and the
    /// objects are read back with signed GETs.
    @Test(.enabled(if: NixStoreFixture.available && MotoServer.executable != nil && ExternalTool.zstd != nil, "needs nix-bin, zstd and moto_server"),
          .timeLimit(.minutes(3)))
    func pushesAClosureToMotoAndSkipsItTheSecondTime() async throws {
        let fixture = try NixStoreFixture("s3-push")
        let (top, leaf) = try await fixture.buildClosure(tag: "s3", blobSize: 100_000)
        let key = try NixSigningKey.generate(name: "flywheel-s3-1")
        let database = try fixture.database()
        try await MotoServer.with { session in
            try await MotoServer.createBucket("nix-cache", session: session)
            let url = "s3://nix-cache/ci?region=\(MotoServer.region)&endpoint=\(session.endpoint)"

            // Signature checking is on: a wrong secret fails every path and stores nothing.
            let forged = S3Credentials(accessKeyID: session.credentials.accessKeyID, secretAccessKey: "not-the-secret")
            let rejected = await UploadHarness.push([top], to: try UploadHarness.targets([url], key: key, staging: fixture.scratch.path, s3: forged),
                                                    database: database)
            #expect(rejected.pathsUploaded == 0 && (rejected.pathsFailed > 0 || rejected.disabledTargets > 0), "\(rejected)")
            let probe = try await MotoServer.send(.GET, "\(session.endpoint)/nix-cache/ci/nix-cache-info", session: session, credentials: forged)
            #expect(probe.status == 403, "moto refuses a bad signature: \(String(decoding: probe.body, as: UTF8.self))")

            let targets = try UploadHarness.targets([url], key: key, staging: fixture.scratch.path, s3: session.credentials)
            let statistics = await UploadHarness.push([top], to: targets, database: database)
            #expect(statistics.pathsUploaded == 2, "\(statistics)")
            #expect(statistics.pathsFailed == 0)

            let cacheInfo = try await MotoServer.object("ci/nix-cache-info", bucket: "nix-cache", session: session)
            #expect(cacheInfo.map { String(decoding: $0, as: UTF8.self) } == "StoreDir: /nix/store\n")
            for path in [top, leaf] {
                let text = try #require(try await MotoServer.object("ci/\(path.hashPart).narinfo", bucket: "nix-cache", session: session))
                let info = try NarInfo(parsing: String(decoding: text, as: UTF8.self))
                #expect(info.compression == .zstd)
                #expect(info.hasValidSignature(from: key.publicKey))
                let nar = try #require(try await MotoServer.object("ci/" + info.url, bucket: "nix-cache", session: session))
                #expect(UInt64(nar.count) == info.fileSize)
                let file = fixture.scratch.file("check.nar.zst")
                try Data(nar).write(to: URL(fileURLWithPath: file))
                var hasher = NARHasher()
                hasher.update(try ZstdOracle.decompress(file))
                #expect(hasher.finalize().hash == info.narHash, "zstd -d of the S3 object is the NAR")
                #expect(info.url == "nar/\(NixBase32.encode(try ZstdOracle.sha256(ofFile: file).hash.bytes)).nar.zst")
            }

            let again = await UploadHarness.push([top], to: try UploadHarness.targets([url], key: key, staging: fixture.scratch.path, s3: session.credentials),
                                                 database: database)
            #expect(again.pathsAlreadyPresent == 2 && again.pathsUploaded == 0)
        }
    }

    @Test func parsesS3URLs() throws {
        guard case .s3(let location) = try CacheTargetURL(parsing: "s3://bucket/some/prefix?region=eu-central-1&endpoint=minio.local:9000&scheme=http") else {
            Issue.record("not s3")
            return
        }
        #expect(location.bucket == "bucket")
        #expect(location.prefix == "some/prefix")
        #expect(location.region == "eu-central-1")
        #expect(location.endpoint == "http://minio.local:9000")
        #expect(location.objectURL("nar/a.nar.zst") == "http://minio.local:9000/bucket/some/prefix/nar/a.nar.zst")
        guard case .s3(let aws) = try CacheTargetURL(parsing: "s3://bucket?region=us-west-2") else { return }
        #expect(aws.objectURL("x.narinfo") == "https://bucket.s3.us-west-2.amazonaws.com/x.narinfo")
        #expect(throws: CacheTargetURLError.self) { try CacheTargetURL(parsing: "s3://bucket?bogus=1") }
    }
}
