import NIOCore
import Testing

@testable import Kubernetes

@Suite struct LogLineFilterTests {
    /// Feeds `chunks` and collects the output as text.
    static func run(_ filter: inout LogLineFilter, _ chunks: [String]) -> String {
        var output = ""
        for chunk in chunks {
            var input = ByteBuffer(string: chunk)
            while let piece = filter.nextOutput(from: &input) {
                output += String(buffer: piece)
            }
        }
        return output
    }

    @Test func stripsOrKeepsTimestamps() {
        let log = "2025-01-01T00:00:00.100Z one\n2025-01-01T00:00:00.2Z two\n"
        var plain = LogLineFilter(emitTimestamps: false)
        plain.startConnection(resuming: false)
        #expect(Self.run(&plain, [log]) == "one\ntwo\n")
        var stamped = LogLineFilter(emitTimestamps: true)
        stamped.startConnection(resuming: false)
        #expect(Self.run(&stamped, ["2025-01-01T00:00", ":00.100Z o", "ne\n2025-01-01T00:00:00.2Z two\n"]) == log)
    }

    @Test func resumingDropsWhatWasDelivered() {
        var filter = LogLineFilter(emitTimestamps: false)
        filter.startConnection(resuming: false)
        let first = Self.run(&filter, ["2025-01-01T00:00:01.5Z a\n2025-01-01T00:00:02.000000001Z b\n2025-01-01T00:00:02.000000001Z c\n"])
        #expect(first == "a\nb\nc\n")
        #expect(filter.position?.sinceTime == "2025-01-01T00:00:02Z")
        filter.startConnection(resuming: true)
        // The server re-sends the whole second (sinceTime is inclusive, second precision), then new lines.
        let second = Self.run(&filter, [
            "2025-01-01T00:00:02Z zero\n2025-01-01T00:00:02.000000001Z b\n2025-01-01T00:00:02.000000001Z c\n",
            "2025-01-01T00:00:02.000000001Z d\n2025-01-01T00:00:03Z e\n",
        ])
        #expect(second == "d\ne\n")
    }

    @Test func aHalfDeliveredLineIsCompletedNotRepeated() {
        var filter = LogLineFilter(emitTimestamps: true)
        filter.startConnection(resuming: false)
        let first = Self.run(&filter, ["2025-01-01T00:00:01Z hello wo"])
        #expect(first == "2025-01-01T00:00:01Z hello wo")
        filter.startConnection(resuming: true)
        let second = Self.run(&filter, ["2025-01-01T00:00:01Z hello world\n2025-01-01T00:00:01Z next\n"])
        #expect(second == "rld\n2025-01-01T00:00:01Z next\n")
    }

    @Test func aCutInsideTheTimestampLosesNothing() {
        var filter = LogLineFilter(emitTimestamps: false)
        filter.startConnection(resuming: false)
        #expect(Self.run(&filter, ["2025-01-01T00:00:01Z a\n2025-01-01T00:0"]) == "a\n")
        filter.startConnection(resuming: true)
        #expect(Self.run(&filter, ["2025-01-01T00:00:01Z a\n2025-01-01T00:00:05Z b\n"]) == "b\n")
    }

    @Test func linesWithoutTimestampsPassThrough() {
        var filter = LogLineFilter(emitTimestamps: false)
        filter.startConnection(resuming: false)
        #expect(Self.run(&filter, ["not-a-time x\n", String(repeating: "z", count: 100) + "\n"]) == "not-a-time x\n" + String(repeating: "z", count: 100) + "\n")
    }
}
