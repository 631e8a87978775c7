import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

extension GitLabClient {
    /// Transfers may be large: no overall deadline beyond this.
    static let artifactTimeout: TimeAmount = .hours(3)

    public func uploadArtifact(id: Int64, jobToken: String, upload: ArtifactUpload) async throws -> ArtifactUploadResponse {
        let operation = "POST /api/v4/jobs/\(id)/artifacts"
        var query = "artifact_format=\(Self.formEncode(upload.format))&artifact_type=\(Self.formEncode(upload.type))"
        if !upload.expireIn.isEmpty { query += "&expire_in=\(Self.formEncode(upload.expireIn))" }
        let boundary = "flywheel-" + UUID().uuidString
        let safeName = upload.filename.replacingOccurrences(of: "\"", with: "_").replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: "")
        let head = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(safeName)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        let tail = Array("\r\n--\(boundary)--\r\n".utf8)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: upload.path), let size = attributes[.size] as? Int64 else {
            throw GitLabAPIError(operation: operation, message: "cannot read the archive \(upload.path)")
        }
        var attempt = 0
        while true {
            attempt += 1
            var request = HTTPClientRequest(url: apiBase + "/jobs/\(id)/artifacts?" + query)
            request.method = .POST
            request.headers.add(name: "User-Agent", value: FlywheelBuild.userAgent)
            request.headers.add(name: "JOB-TOKEN", value: jobToken)
            request.headers.add(name: "Content-Type", value: "multipart/form-data; boundary=\(boundary)")
            request.headers.add(name: "X-Request-Id", value: Self.newRequestID())
            let body = MultipartFileBody(head: head, path: upload.path, tail: tail)
            request.body = .stream(body, length: .known(Int64(head.count) + size + Int64(tail.count)))
            do {
                let response = try await http.execute(request, timeout: Self.artifactTimeout)
                let text = String(buffer: try await response.body.collect(upTo: 64 * 1024))
                let status = Int(response.status.code)
                logger.debug("\(operation) → \(status)", metadata: ["attempt": "\(attempt)"])
                switch status {
                case 200, 201: return .created
                case 413: return .tooLarge
                case 500...599 where attempt < 4:
                    try await Task.sleep(for: .seconds(1 << (attempt - 1)))
                default: return .rejected(status: status, message: text.trimmingCharacters(in: .whitespacesAndNewlines))
                }
            } catch let error as CancellationError {
                throw error
            } catch {
                guard attempt < 4 else { throw GitLabAPIError(operation: operation, message: Self.describe(error)) }
                logger.warning("\(operation) failed: \(Self.describe(error)); retrying")
                try await Task.sleep(for: .seconds(1 << (attempt - 1)))
            }
        }
    }

    public func downloadArtifacts(id: Int64, jobToken: String, to destination: String) async throws -> ArtifactDownloadResponse {
        let operation = "GET /api/v4/jobs/\(id)/artifacts"
        var attempt = 0
        while true {
            attempt += 1
            var request = HTTPClientRequest(url: apiBase + "/jobs/\(id)/artifacts?direct_download=true")
            request.headers.add(name: "User-Agent", value: FlywheelBuild.userAgent)
            request.headers.add(name: "JOB-TOKEN", value: jobToken)
            request.headers.add(name: "X-Request-Id", value: Self.newRequestID())
            do {
                let response = try await http.execute(request, timeout: Self.artifactTimeout)
                let status = Int(response.status.code)
                logger.debug("\(operation) → \(status)", metadata: ["attempt": "\(attempt)"])
                switch status {
                case 200:
                    guard FileManager.default.createFile(atPath: destination, contents: nil),
                          let handle = FileHandle(forWritingAtPath: destination) else {
                        throw GitLabAPIError(operation: operation, message: "cannot create \(destination)")
                    }
                    defer { try? handle.close() }
                    var written: Int64 = 0
                    for try await chunk in response.body {
                        try handle.write(contentsOf: Data(chunk.readableBytesView))
                        written += Int64(chunk.readableBytes)
                    }
                    return .downloaded(bytes: written)
                case 404: return .notFound
                case 500...599 where attempt < 4:
                    try await Task.sleep(for: .seconds(1 << (attempt - 1)))
                default: return .rejected(status: status)
                }
            } catch let error as CancellationError {
                throw error
            } catch let error as GitLabAPIError {
                throw error
            } catch {
                guard attempt < 4 else { throw GitLabAPIError(operation: operation, message: Self.describe(error)) }
                try await Task.sleep(for: .seconds(1 << (attempt - 1)))
            }
        }
    }

    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// The multipart body of an upload: the part head, the file in 64 KiB chunks, the closing boundary.
struct MultipartFileBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let head: [UInt8]
    let path: String
    let tail: [UInt8]

    struct AsyncIterator: AsyncIteratorProtocol {
        enum Phase { case head, file, tail, done }
        let body: MultipartFileBody
        var phase = Phase.head
        var handle: FileHandle?

        mutating func next() async throws -> ByteBuffer? {
            switch phase {
            case .head:
                phase = .file
                guard let opened = FileHandle(forReadingAtPath: body.path) else {
                    throw GitLabAPIError(operation: "artifact upload", message: "cannot open \(body.path)")
                }
                handle = opened
                return ByteBuffer(bytes: body.head)
            case .file:
                if let chunk = try handle?.read(upToCount: 64 * 1024), !chunk.isEmpty {
                    return ByteBuffer(bytes: chunk)
                }
                try? handle?.close()
                handle = nil
                phase = .tail
                return ByteBuffer(bytes: body.tail)
            case .tail, .done:
                phase = .done
                return nil
            }
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(body: self) }
}
