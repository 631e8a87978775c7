import Foundation
import NIOCore

/// JSON as the API server wants it: `nil` fields left out (synthesized `Codable` skips them), no escaped slashes,
/// `Data` as base64.
enum KubernetesJSON {
    static func encode(_ value: some Encodable) throws -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        do {
            return ByteBuffer(bytes: try encoder.encode(value))
        } catch {
            throw KubernetesClientError(code: .invalidArgument, operation: "encode a request body", message: "\(error)")
        }
    }

    /// Describes a decoding failure by its JSON path.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing key `\(path(context.codingPath + [key]))`"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "`\(path(context.codingPath))` is not a \(type)"
        case .dataCorrupted(let context): return "invalid JSON at `\(path(context.codingPath))`: \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
