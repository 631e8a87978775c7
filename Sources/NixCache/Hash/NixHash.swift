import Foundation

/// A SHA-256 digest as Nix prints and parses it: `sha256:<52 nix32>` in narinfo files,
/// `sha256:<64 hex>` in the local database and Attic's API, `sha256-<base64>` (SRI) in
/// newer JSON output.
///
/// Only SHA-256 is supported: every NAR and file hash that binary caches use is SHA-256.
public struct NixHash: Sendable, Hashable, CustomStringConvertible {
    /// The number of bytes in a SHA-256 digest.
    public static let byteCount = 32

    /// The 32 raw digest bytes.
    public let bytes: [UInt8]

    /// Wraps 32 raw SHA-256 bytes.
    ///
    /// - Throws: ``NixHashError/wrongDigestLength(_:)`` when `bytes` is not 32 bytes long.
    public init(sha256 bytes: some Collection<UInt8>) throws(NixHashError) {
        let array = Array(bytes)
        guard array.count == Self.byteCount else { throw .wrongDigestLength(array.count) }
        self.bytes = array
    }

    init(uncheckedBytes bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses any form Nix accepts for a SHA-256 hash: `sha256:` followed by 64 hex,
    /// 52 nix32 or 44 base64 characters (chosen by length), or SRI `sha256-<base64>`.
    ///
    /// - Throws: ``NixHashError`` naming what is wrong with `string`.
    public init(parsing string: some StringProtocol) throws(NixHashError) {
        let text = String(string)
        if text.hasPrefix("sha256:") {
            let body = text.dropFirst("sha256:".count)
            switch body.utf8.count {
            case 64:
                guard let decoded = Self.decodeHex(body) else { throw .invalidEncoding(text, encoding: "hex") }
                bytes = decoded
            case 52:
                do {
                    bytes = try NixBase32.decode(body, byteCount: Self.byteCount)
                } catch {
                    throw .invalidEncoding(text, encoding: "nix32 (\(error))")
                }
            case 44:
                guard let decoded = Data(base64Encoded: String(body)), decoded.count == Self.byteCount else {
                    throw .invalidEncoding(text, encoding: "base64")
                }
                bytes = Array(decoded)
            default:
                throw .invalidLength(text)
            }
        } else if text.hasPrefix("sha256-") {
            let body = String(text.dropFirst("sha256-".count))
            guard let decoded = Data(base64Encoded: body), decoded.count == Self.byteCount else {
                throw .invalidEncoding(text, encoding: "SRI base64")
            }
            bytes = Array(decoded)
        } else {
            throw .unsupportedAlgorithm(text)
        }
    }

    /// `sha256:<52 nix32 chars>`, the form narinfo files and signature fingerprints use.
    public var nix32String: String { "sha256:" + NixBase32.encode(bytes) }

    /// `sha256:<64 lowercase hex chars>`, the form the Nix database and Attic's
    /// `nar_hash` use.
    public var hexString: String { "sha256:" + hexDigits }

    /// `sha256-<base64>`, the SRI form of `nix path-info --json`. Attic rejects it.
    public var sriString: String { "sha256-" + Data(bytes).base64EncodedString() }

    /// The 64 lowercase hex digits without the algorithm prefix.
    public var hexDigits: String {
        let digits = Array("0123456789abcdef".utf8)
        var output = [UInt8]()
        output.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The same as ``nix32String``.
    public var description: String { nix32String }

    private static func decodeHex(_ text: Substring) -> [UInt8]? {
        var output = [UInt8]()
        output.reserveCapacity(text.utf8.count / 2)
        var high: UInt8?
        for character in text.utf8 {
            let nibble: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = character - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let upper = high {
                output.append(upper << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return high == nil ? output : nil
    }
}
