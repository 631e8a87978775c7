import Crypto
import Foundation
import NIOHTTP1

/// AWS Signature Version 4 for S3 requests (header-based).
///
/// Payloads are signed with their real SHA-256: for NAR files that is the narinfo's
/// `FileHash`, already computed while the file was staged, so signing costs no second
/// read (no `UNSIGNED-PAYLOAD`, no streaming-chunk signatures needed).
public struct S3Signer: Sendable {
    let credentials: S3Credentials
    let region: String
    let service = "s3"

    /// A signer for `region` with `credentials`.
    public init(credentials: S3Credentials, region: String) {
        self.credentials = credentials
        self.region = region
    }

    /// Adds `Host`, `X-Amz-Date`, `X-Amz-Content-SHA256`, the session token and
    /// `Authorization` to `headers` for a request of `method` to `url`.
    public func sign(method: String, url: String, headers: inout HTTPHeaders, payloadSHA256: String, date: Date = Date()) {
        guard let components = URLComponents(string: url), let host = components.host else { return }
        let hostHeader = components.port.map { "\(host):\($0)" } ?? host
        let amzDate = Self.format(date, "yyyyMMdd'T'HHmmss'Z'")
        let dateStamp = String(amzDate.prefix(8))
        headers.replaceOrAdd(name: "Host", value: hostHeader)
        headers.replaceOrAdd(name: "X-Amz-Date", value: amzDate)
        headers.replaceOrAdd(name: "X-Amz-Content-SHA256", value: payloadSHA256)
        if let token = credentials.sessionToken { headers.replaceOrAdd(name: "X-Amz-Security-Token", value: token) }

        var signed: [(String, String)] = []
        for (name, value) in headers {
            let lower = name.lowercased()
            if lower == "host" || lower.hasPrefix("x-amz-") || lower == "content-type" {
                signed.append((lower, value.trimmingCharacters(in: .whitespaces)))
            }
        }
        signed.sort { $0.0 < $1.0 }
        let signedHeaders = signed.map(\.0).joined(separator: ";")
        let canonicalHeaders = signed.map { "\($0.0):\($0.1)\n" }.joined()
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        var pairs: [(name: String, value: String)] = []
        for item in components.percentEncodedQueryItems ?? [] {
            let name = Self.uriEncode(item.name.removingPercentEncoding ?? item.name)
            let value = Self.uriEncode((item.value ?? "").removingPercentEncoding ?? "")
            pairs.append((name, value))
        }
        pairs.sort { lhs, rhs in lhs.name == rhs.name ? lhs.value < rhs.value : lhs.name < rhs.name }
        let query = pairs.map { pair -> String in pair.name + "=" + pair.value }.joined(separator: "&")
        let canonicalRequest = [method, path, query, canonicalHeaders, signedHeaders, payloadSHA256].joined(separator: "\n")
        let scope = "\(dateStamp)/\(region)/\(service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, Self.hex(SHA256.hash(data: Array(canonicalRequest.utf8)))].joined(separator: "\n")
        var key = SymmetricKey(data: Array("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [dateStamp, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
        headers.replaceOrAdd(
            name: "Authorization",
            value: "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)")
    }

    /// SHA-256 of `bytes` as lowercase hex.
    public static func sha256Hex(_ bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    /// RFC 3986 encoding as SigV4 wants it: everything but `A-Z a-z 0-9 - _ . ~` as `%XX`.
    static func uriEncode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                output += String(format: "%%%02X", byte)
            }
        }
        return output
    }

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    private static func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
