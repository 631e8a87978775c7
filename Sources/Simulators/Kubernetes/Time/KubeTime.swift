#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A wall-clock instant with nanosecond precision, formatted the way the Kubernetes API does.
///
/// - ``rfc3339``: `metav1.Time`, second precision (`2024-05-01T10:00:00Z`).
/// - ``microTime``: `metav1.MicroTime`, six fraction digits (`…T10:00:00.123456Z`).
/// - ``rfc3339Nano``: Go's `time.RFC3339Nano`, as the kubelet stamps log lines: up to nine
///   fraction digits with trailing zeros trimmed (`…T10:00:00.1234Z`; `…T10:00:00Z` when zero).
struct KubeTime: Sendable, Hashable, Comparable {
    /// Seconds since the Unix epoch.
    var seconds: Int64
    /// Nanoseconds within the second, `0..<1_000_000_000`.
    var nanoseconds: Int64

    init(seconds: Int64, nanoseconds: Int64 = 0) {
        self.seconds = seconds + nanoseconds / 1_000_000_000
        self.nanoseconds = nanoseconds % 1_000_000_000
        if self.nanoseconds < 0 {
            self.nanoseconds += 1_000_000_000
            self.seconds -= 1
        }
    }

    /// The current time from `CLOCK_REALTIME`.
    static func now() -> KubeTime {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return KubeTime(seconds: Int64(spec.tv_sec), nanoseconds: Int64(spec.tv_nsec))
    }

    static func < (lhs: KubeTime, rhs: KubeTime) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }

    /// This instant moved by `interval` seconds (fractions allowed).
    func adding(seconds interval: Double) -> KubeTime {
        let whole = interval.rounded(.down)
        return KubeTime(seconds: seconds + Int64(whole), nanoseconds: nanoseconds + Int64((interval - whole) * 1e9))
    }

    /// Seconds from `other` to this instant.
    func seconds(since other: KubeTime) -> Double {
        Double(seconds - other.seconds) + Double(nanoseconds - other.nanoseconds) / 1e9
    }

    /// The instant truncated to whole seconds.
    var truncatedToSeconds: KubeTime { KubeTime(seconds: seconds) }

    private var dateTimePrefix: String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))"
    }

    private func fraction(digits: Int) -> String {
        let text = String(nanoseconds)
        let nine = String(repeating: "0", count: 9 - text.count) + text
        return String(nine.prefix(digits))
    }

    /// `2006-01-02T15:04:05Z`.
    var rfc3339: String { dateTimePrefix + "Z" }

    /// `2006-01-02T15:04:05.000000Z`.
    var microTime: String { dateTimePrefix + "." + fraction(digits: 6) + "Z" }

    /// `2006-01-02T15:04:05.999999999Z` with trailing zeros (and a bare dot) removed.
    var rfc3339Nano: String {
        var digits = fraction(digits: 9)
        while digits.hasSuffix("0") { digits.removeLast() }
        return dateTimePrefix + (digits.isEmpty ? "" : "." + digits) + "Z"
    }

    /// Parses RFC 3339 (`YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`); `nil` when malformed.
    init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20 else { return nil }
        func number(_ range: Range<Int>) -> Int32? {
            var value: Int32 = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int32(byte - 48)
            }
            return value
        }
        guard bytes[4] == 45, bytes[7] == 45, bytes[10] == 84 || bytes[10] == 116, bytes[13] == 58, bytes[16] == 58,
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var nanos: Int64 = 0
        if bytes[index] == 46 {
            index += 1
            var digits = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                if digits < 9 { nanos = nanos * 10 + Int64(bytes[index] - 48) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            if digits < 9 { for _ in digits..<9 { nanos *= 10 } }
        }
        guard index < bytes.count else { return nil }
        var offset: Int64 = 0
        if bytes[index] == 90 || bytes[index] == 122 {
            guard index == bytes.count - 1 else { return nil }
        } else if bytes[index] == 43 || bytes[index] == 45 {
            guard bytes.count - index == 6, bytes[index + 3] == 58,
                  let offsetHours = number((index + 1)..<(index + 3)), let offsetMinutes = number((index + 4)..<(index + 6))
            else { return nil }
            offset = Int64(offsetHours) * 3600 + Int64(offsetMinutes) * 60
            if bytes[index] == 45 { offset = -offset }
        } else {
            return nil
        }
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = month - 1
        parts.tm_mday = day
        parts.tm_hour = hour
        parts.tm_min = minute
        parts.tm_sec = second
        let epoch = Int64(timegm(&parts))
        self.init(seconds: epoch - offset, nanoseconds: nanos)
    }
}
