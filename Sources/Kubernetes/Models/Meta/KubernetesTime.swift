import Foundation

/// A Kubernetes timestamp (`metav1.Time`, or `MicroTime` with microseconds), kept exactly as the server sent it.
///
/// Encodes as a JSON string. ``date`` converts it; ``init(_:fractionDigits:)`` builds one from a `Date`.
public struct KubernetesTime: Codable, Hashable, Sendable, RawRepresentable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The RFC 3339 text.
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// Formats `date` in UTC; `fractionDigits` 0 gives `metav1.Time` (seconds), 6 gives `MicroTime`.
    public init(_ date: Date, fractionDigits: Int = 0) {
        let interval = date.timeIntervalSince1970
        var seconds = Int64(interval.rounded(.down))
        var nanoseconds = Int32(((interval - Double(seconds)) * 1e9).rounded())
        if nanoseconds >= 1_000_000_000 {
            seconds += 1
            nanoseconds -= 1_000_000_000
        }
        rawValue = RFC3339.format(.init(seconds: seconds, nanoseconds: nanoseconds), fractionDigits: fractionDigits)
    }

    /// The instant, or `nil` when the text is not RFC 3339.
    public var date: Date? {
        guard let instant = RFC3339.parse(rawValue.utf8) else { return nil }
        return Date(timeIntervalSince1970: Double(instant.seconds) + Double(instant.nanoseconds) / 1e9)
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
