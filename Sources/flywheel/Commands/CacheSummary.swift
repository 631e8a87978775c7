import Foundation
import NixCache

/// Human-readable lines for `flywheel cache` output.
enum CacheSummary {
    static func bytes(_ count: UInt64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// `uploaded 12 paths (3 already present, 0 failed, 1 skipped) to URL: 40.1 MiB NAR, 13.2 MiB sent (ratio 3.04), 95.2 MiB/s in 0.42 s`
    static func line(_ statistics: UploadStatistics, target: String, elapsed: Duration) -> String {
        let time = max(seconds(elapsed), 0.001)
        let ratio = statistics.sentBytes > 0 ? String(format: "%.2f", Double(statistics.narBytes) / Double(statistics.sentBytes)) : "-"
        var text = "\(target): uploaded \(statistics.pathsUploaded) paths"
        if statistics.pathsDeduplicated > 0 { text += " (+\(statistics.pathsDeduplicated) deduplicated)" }
        text += ", \(statistics.pathsAlreadyPresent) already present, \(statistics.pathsFailed) failed, \(statistics.pathsSkipped) skipped"
        text += "; \(bytes(statistics.narBytes)) NAR, \(bytes(statistics.sentBytes)) sent (ratio \(ratio))"
        text += String(format: ", %@/s in %.2f s", bytes(UInt64(Double(statistics.narBytes) / time)), time)
        if statistics.retries > 0 { text += ", \(statistics.retries) retries" }
        return text
    }

    /// One progress line for an event.
    static func progress(_ event: UploadEvent) -> String? {
        switch event {
        case .uploaded(let path, let target, let outcome, let duration):
            switch outcome {
            case .uploaded(let narBytes, let sentBytes):
                return String(format: "uploaded %@ (%@ → %@, %.2f s) to %@", path.path, bytes(narBytes), bytes(sentBytes), seconds(duration), target)
            case .deduplicated(let narBytes, _):
                return "deduplicated \(path.path) (\(bytes(narBytes))) at \(target)"
            }
        case .alreadyPresent(let count, let target):
            return "\(count) path\(count == 1 ? " is" : "s are") already in \(target)"
        case .failed:
            return nil  // the uploader logs a warning line
        }
    }
}
