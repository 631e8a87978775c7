import Foundation

/// Splits Nix's `<name>:<base64>` key and signature texts.
enum KeyText {
    static func split(_ text: some StringProtocol, what: String) throws(SigningKeyError) -> (name: String, bytes: [UInt8]) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let colon = trimmed.firstIndex(of: ":") else {
            throw .malformed(what: what, reason: "no ':' separating the key name from the base64 data")
        }
        let name = String(trimmed[..<colon])
        guard !name.isEmpty else {
            throw .malformed(what: what, reason: "the key name before ':' is empty")
        }
        guard let data = Data(base64Encoded: String(trimmed[trimmed.index(after: colon)...])) else {
            throw .invalidBase64(what: what, name: name)
        }
        return (name, Array(data))
    }

    static func join(name: String, bytes: some Sequence<UInt8>) -> String {
        name + ":" + Data(bytes).base64EncodedString()
    }

    static func readFile(_ path: String) throws(SigningKeyError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadableFile(path: path, reason: "\(error.localizedDescription)")
        }
    }
}
