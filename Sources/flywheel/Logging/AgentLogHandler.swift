import Foundation
import Logging
import Synchronization

/// Writes log lines to standard error as text (`2026-11-22T10:00:00Z info runner=x: message`) or as
/// one JSON object per line (`log_format = "json"`).
struct AgentLogHandler: LogHandler {
    enum Format: Sendable { case text, json }

    let label: String
    let format: Format
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    private static let output = Mutex(())

    init(label: String, format: Format, level: Logger.Level) {
        self.label = label
        self.format = format
        self.logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let time = Date().formatted(.iso8601)
        let line: String
        switch format {
        case .text:
            let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            line = "\(time) \(event.level) \(fields.isEmpty ? "" : fields + ": ")\(event.message)\n"
        case .json:
            var object: [String: String] = ["time": time, "level": "\(event.level)", "msg": "\(event.message)"]
            for (key, value) in merged where object[key] == nil { object[key] = "\(value)" }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            line = String(decoding: data, as: UTF8.self) + "\n"
        }
        Self.output.withLock { _ in
            FileHandle.standardError.write(Data(line.utf8))
        }
    }
}
