#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Collapsible section markers GitLab renders in the job log (notes §7.4).
///
/// ```
/// section_start:<unix seconds>:<name>[collapsed=true]\r\e[0K<header>\n
/// section_end:<unix seconds>:<name>\r\e[0K\n
/// ```
public enum TraceSection {
    /// The start marker of section `name` with its visible `header` line.
    ///
    /// - Parameters:
    ///   - name: sanitised with ``sanitizedName(_:)``; use the same name for ``end(name:timestamp:)``.
    ///   - header: the text shown on the section's line; line breaks become spaces.
    ///   - collapsed: whether GitLab shows the section collapsed at first.
    ///   - timestamp: Unix time in seconds; now by default.
    public static func start(name: String, header: String, collapsed: Bool = false, timestamp: Int64 = currentTime()) -> String {
        let options = collapsed ? "[collapsed=true]" : ""
        let line = header.replacing("\r\n", with: " ").replacing("\n", with: " ").replacing("\r", with: " ")
        return "section_start:\(timestamp):\(sanitizedName(name))\(options)\r\u{1b}[0K\(line)\n"
    }

    /// The end marker of section `name`.
    public static func end(name: String, timestamp: Int64 = currentTime()) -> String {
        "section_end:\(timestamp):\(sanitizedName(name))\r\u{1b}[0K\n"
    }

    /// `name` with every character outside `[A-Za-z0-9_.-]` replaced by `_` (`section` when empty).
    public static func sanitizedName(_ name: String) -> String {
        guard !name.isEmpty else { return "section" }
        var result = ""
        result.unicodeScalars.reserveCapacity(name.unicodeScalars.count)
        for scalar in name.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", ".", "-":
                result.unicodeScalars.append(scalar)
            default:
                result.unicodeScalars.append("_")
            }
        }
        return result
    }

    /// The current Unix time in whole seconds.
    public static func currentTime() -> Int64 {
        Int64(time(nil))
    }
}
