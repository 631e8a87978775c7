/// `output` of a job update: checksum and size of every trace byte the runner kept.
public struct TraceOutput: Codable, Sendable, Equatable {
    /// `crc32:%08x` over the kept (masked) bytes.
    public var checksum: String
    public var bytesize: Int64

    public init(crc32: UInt32, bytesize: Int64) {
        let hex = String(crc32, radix: 16)
        self.checksum = "crc32:" + String(repeating: "0", count: max(0, 8 - hex.count)) + hex
        self.bytesize = bytesize
    }
}

/// The body of `PUT /api/v4/jobs/:id`, without token and info (added by the client).
public struct JobUpdate: Sendable, Equatable {
    public var state: JobState
    public var failureReason: String?
    public var exitCode: Int32?
    public var output: TraceOutput?

    public init(state: JobState, failureReason: String? = nil, exitCode: Int32? = nil, output: TraceOutput? = nil) {
        self.state = state
        self.failureReason = failureReason
        self.exitCode = exitCode
        self.output = output
    }
}
