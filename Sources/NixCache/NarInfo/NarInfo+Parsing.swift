extension NarInfo {
    /// Parses narinfo text. Lines are `Key: value`; unknown keys (such as `System:`) are
    /// ignored, `Sig:` may repeat, `Deriver: unknown-deriver` means none, and a missing
    /// `Compression:` means bzip2 (as in Nix). A last line without `\n` is accepted.
    ///
    /// - Parameter storeDirectory: the store the paths must be in.
    /// - Throws: ``NarInfoError`` naming the line or field that is wrong.
    public init(parsing text: String, storeDirectory: String = StorePath.defaultStoreDirectory) throws(NarInfoError) {
        var storePath: StorePath?
        var url: String?
        var compression = NarCompression.bzip2
        var fileHash: NixHash?
        var fileSize: UInt64?
        var narHash: NixHash?
        var narSize: UInt64?
        var references: [StorePath] = []
        var deriver: StorePath?
        var signatures: [NixSignature] = []
        var ca: String?

        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        for (index, line) in lines.enumerated() {
            guard let colon = line.firstIndex(of: ":") else {
                throw .malformedLine(number: index + 1, line: String(line))
            }
            let key = String(line[..<colon])
            var value = line[line.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
            let valueText = String(value)

            switch key {
            case "StorePath":
                storePath = try Self.parseStorePath(valueText, field: key, full: true, storeDirectory: storeDirectory)
            case "URL":
                url = valueText
            case "Compression":
                compression = NarCompression(rawValue: valueText)
            case "FileHash":
                fileHash = try Self.parseHash(valueText, field: key)
            case "FileSize":
                fileSize = try Self.parseSize(valueText, field: key)
            case "NarHash":
                narHash = try Self.parseHash(valueText, field: key)
            case "NarSize":
                narSize = try Self.parseSize(valueText, field: key)
            case "References":
                references = []
                for name in value.split(separator: " ") {
                    references.append(try Self.parseStorePath(String(name), field: key, full: false, storeDirectory: storeDirectory))
                }
            case "Deriver":
                deriver = valueText == "unknown-deriver" || valueText.isEmpty
                    ? nil
                    : try Self.parseStorePath(valueText, field: key, full: false, storeDirectory: storeDirectory)
            case "Sig":
                do {
                    signatures.append(try NixSignature(parsing: valueText))
                } catch {
                    throw .invalidField(name: key, value: valueText, reason: error.description)
                }
            case "CA":
                ca = valueText.isEmpty ? nil : valueText
            default:
                continue
            }
        }

        guard let storePath else { throw .missingField("StorePath") }
        guard let url, !url.isEmpty else { throw .missingField("URL") }
        guard let narHash else { throw .missingField("NarHash") }
        guard let narSize else { throw .missingField("NarSize") }
        guard narSize > 0 else { throw .zeroNarSize(storePath: storePath.path) }
        self.init(
            storePath: storePath, url: url, compression: compression, fileHash: fileHash, fileSize: fileSize,
            narHash: narHash, narSize: narSize, references: references, deriver: deriver,
            signatures: signatures, ca: ca)
    }

    private static func parseStorePath(_ value: String, field: String, full: Bool, storeDirectory: String) throws(NarInfoError) -> StorePath {
        do {
            return full
                ? try StorePath(value, storeDirectory: storeDirectory)
                : try StorePath(baseName: value, storeDirectory: storeDirectory)
        } catch {
            throw .invalidField(name: field, value: value, reason: error.description)
        }
    }

    private static func parseHash(_ value: String, field: String) throws(NarInfoError) -> NixHash {
        do {
            return try NixHash(parsing: value)
        } catch {
            throw .invalidField(name: field, value: value, reason: error.description)
        }
    }

    private static func parseSize(_ value: String, field: String) throws(NarInfoError) -> UInt64 {
        guard let size = UInt64(value) else {
            throw .invalidField(name: field, value: value, reason: "not a non-negative decimal integer")
        }
        return size
    }
}
