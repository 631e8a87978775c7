import NIOCore

/// Turns a `timestamps=true` log body into what the caller asked for, dropping what an earlier connection
/// already delivered.
///
/// Each line is `<RFC 3339 nano timestamp> <content>\n`. The filter parses the timestamp, skips lines up to the
/// resume ``LogPosition`` (and the part of a half-delivered line), strips the timestamp unless the caller wants
/// it, and passes content through as slices of the input: no line is ever buffered whole.
struct LogLineFilter {
    /// Keep the `timestamp ` prefix in the output.
    let emitTimestamps: Bool
    /// How far delivery got; `nil` before the first line.
    private(set) var position: LogPosition?
    private var resumeFrom: LogPosition?
    private var linesSeenAtResumeInstant = 0
    private var state = State.lineStart(prefix: ByteBuffer())

    /// Longest timestamp prefix accepted (`2006-01-02T15:04:05.999999999+07:00` is 35 bytes).
    static let maximumPrefix = 64

    private enum State {
        /// Collecting the timestamp of a new line.
        case lineStart(prefix: ByteBuffer)
        /// Passing content through until `\n`; `timed` lines move ``position``.
        case emitting(timed: Bool)
        /// Dropping a line already delivered; `remaining` content bytes, or the whole line when `nil`.
        case skipping(remaining: Int?)
    }

    init(emitTimestamps: Bool) {
        self.emitTimestamps = emitTimestamps
    }

    /// Starts a new connection; with `resuming`, lines up to the current position are dropped.
    mutating func startConnection(resuming: Bool) {
        state = .lineStart(prefix: ByteBuffer())
        resumeFrom = resuming ? position : nil
        linesSeenAtResumeInstant = 0
    }

    /// Consumes `input` until there is something to deliver, and returns it; `nil` when `input` is used up.
    mutating func nextOutput(from input: inout ByteBuffer) -> ByteBuffer? {
        while input.readableBytes > 0 {
            switch state {
            case .lineStart(var prefix):
                let view = input.readableBytesView
                let room = Self.maximumPrefix - prefix.readableBytes
                let window = view.prefix(room + 1)
                guard let stop = window.firstIndex(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") }) else {
                    if view.count > room {
                        // No timestamp: pass the line through untouched.
                        state = .emitting(timed: false)
                        if prefix.readableBytes > 0 { return prefix }
                        continue
                    }
                    var rest = input.readSlice(length: input.readableBytes)!
                    prefix.writeBuffer(&rest)
                    state = .lineStart(prefix: prefix)
                    return nil
                }
                var head = input.readSlice(length: stop - view.startIndex)!
                prefix.writeBuffer(&head)
                let separator = input.readInteger(as: UInt8.self)!
                if separator == UInt8(ascii: "\n") {
                    // A line without content or timestamp; deliver as-is unless resuming past it.
                    state = .lineStart(prefix: ByteBuffer())
                    if resumeFrom != nil { continue }
                    prefix.writeInteger(separator)
                    return prefix
                }
                guard let instant = RFC3339.parse(prefix.readableBytesView) else {
                    state = .emitting(timed: false)
                    prefix.writeInteger(separator)
                    return prefix
                }
                if let output = beginLine(at: instant, prefix: prefix) { return output }
            case .emitting(let timed):
                let view = input.readableBytesView
                let end = view.firstIndex(of: UInt8(ascii: "\n")).map { $0 - view.startIndex + 1 } ?? view.count
                let output = input.readSlice(length: end)!
                let complete = output.readableBytesView.last == UInt8(ascii: "\n")
                if timed, var current = position {
                    current.bytesIntoLastLine += complete ? end - 1 : end
                    current.lastLineComplete = complete
                    position = current
                }
                if complete { state = .lineStart(prefix: ByteBuffer()) }
                return output
            case .skipping(let remaining):
                let view = input.readableBytesView
                let newline = view.firstIndex(of: UInt8(ascii: "\n")).map { $0 - view.startIndex }
                if let remaining {
                    let available = min(remaining, newline ?? view.count)
                    input.moveReaderIndex(forwardBy: available)
                    if available == remaining {
                        state = .emitting(timed: true)
                    } else if newline != nil {
                        // The line is shorter than what was delivered before: it is done.
                        input.moveReaderIndex(forwardBy: 1)
                        state = .lineStart(prefix: ByteBuffer())
                    } else {
                        state = .skipping(remaining: remaining - available)
                    }
                } else if let newline {
                    input.moveReaderIndex(forwardBy: newline + 1)
                    state = .lineStart(prefix: ByteBuffer())
                } else {
                    input.moveReaderIndex(forwardBy: view.count)
                }
            }
        }
        return nil
    }

    /// Decides what to do with a line stamped `instant`; returns the prefix to deliver, if any.
    private mutating func beginLine(at instant: RFC3339.Instant, prefix: ByteBuffer) -> ByteBuffer? {
        if let resume = resumeFrom {
            if instant < resume.instant {
                state = .skipping(remaining: nil)
                return nil
            }
            if instant == resume.instant {
                linesSeenAtResumeInstant += 1
                if linesSeenAtResumeInstant < resume.linesAtInstant {
                    state = .skipping(remaining: nil)
                    return nil
                }
                if linesSeenAtResumeInstant == resume.linesAtInstant {
                    if resume.lastLineComplete {
                        state = .skipping(remaining: nil)
                    } else {
                        // Half-delivered line: drop what was delivered, continue with the rest.
                        resumeFrom = nil
                        state = resume.bytesIntoLastLine > 0 ? .skipping(remaining: resume.bytesIntoLastLine) : .emitting(timed: true)
                    }
                    return nil
                }
            }
            resumeFrom = nil
        }
        if var current = position, current.instant == instant {
            current.linesAtInstant += 1
            current.bytesIntoLastLine = 0
            current.lastLineComplete = false
            position = current
        } else {
            position = LogPosition(instant: instant, linesAtInstant: 1, bytesIntoLastLine: 0, lastLineComplete: false)
        }
        state = .emitting(timed: true)
        guard emitTimestamps else { return nil }
        var output = prefix
        output.writeInteger(UInt8(ascii: " "))
        return output
    }
}
