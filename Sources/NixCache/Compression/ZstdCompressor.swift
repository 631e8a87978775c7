import CZstd

/// Streaming zstd compression through libzstd's `ZSTD_compressStream2`, with a SHA-256
/// and byte count of the compressed output (a narinfo's `FileHash`/`FileSize`).
///
/// Feed input with ``compress(_:into:)`` in chunks of any size, then call
/// ``finish(into:)`` once. Compressed bytes go to the consumer in chunks of exactly
/// `outputChunkSize` bytes except the last, from one reused buffer: memory stays at that
/// buffer plus libzstd's window, whatever the input size. The output is a standard zstd
/// stream (`zstd -d` reads it) with content checksums by default; with `frameSize` it is a
/// sequence of independent frames that can be decompressed in parallel.
public struct ZstdCompressor: ~Copyable {
    /// Level 3, libzstd's default and a good speed/ratio balance for uploads.
    public static let defaultLevel = 3
    /// 128 KiB, libzstd's recommended output buffer size.
    public static let defaultOutputChunkSize = 1 << 17

    /// The levels this libzstd accepts (negative levels are libzstd's "fast" modes).
    public static var supportedLevels: ClosedRange<Int> {
        Int(ZSTD_minCLevel())...Int(ZSTD_maxCLevel())
    }

    private let context: OpaquePointer
    private let output: UnsafeMutableRawBufferPointer
    private var outputPosition = 0
    private let frameSize: Int?
    private var frameRemaining: Int
    private var hasher = NARHasher()
    private var finished = false

    /// Uncompressed bytes fed so far.
    public private(set) var inputByteCount: UInt64 = 0

    /// Creates a compressor.
    ///
    /// - Parameters:
    ///   - level: zstd level, default 3; see ``supportedLevels``.
    ///   - checksum: write a content checksum at the end of each frame (default on).
    ///   - workers: libzstd worker threads; 0 (default) compresses on the calling thread.
    ///   - frameSize: if set, end a frame after every this many input bytes, so the output
    ///     is a sequence of independent frames (Nix 2.35 uses 16 MiB); `nil` writes one frame.
    ///   - outputChunkSize: size of the chunks handed to the consumer.
    /// - Throws: ``ZstdError`` for an unsupported level or option.
    public init(
        level: Int = ZstdCompressor.defaultLevel,
        checksum: Bool = true,
        workers: Int = 0,
        frameSize: Int? = nil,
        outputChunkSize: Int = ZstdCompressor.defaultOutputChunkSize
    ) throws(ZstdError) {
        guard Self.supportedLevels.contains(level) else {
            throw .invalidLevel(level, supported: Self.supportedLevels)
        }
        guard outputChunkSize > 0 else {
            throw .invalidOption(name: "outputChunkSize", value: outputChunkSize, reason: "must be at least 1")
        }
        if let frameSize, frameSize <= 0 {
            throw .invalidOption(name: "frameSize", value: frameSize, reason: "must be at least 1, or nil for a single frame")
        }
        guard workers >= 0 else {
            throw .invalidOption(name: "workers", value: workers, reason: "must be 0 (no threads) or more")
        }
        guard let context = ZSTD_createCCtx() else { throw .contextCreationFailed }
        let settings: [(ZSTD_cParameter, String, Int)] = [
            (ZSTD_c_compressionLevel, "level", level),
            (ZSTD_c_checksumFlag, "checksum", checksum ? 1 : 0),
            (ZSTD_c_nbWorkers, "workers", workers),
        ]
        for (parameter, name, value) in settings {
            let result = ZSTD_CCtx_setParameter(context, parameter, Int32(clamping: value))
            if ZSTD_isError(result) != 0 {
                ZSTD_freeCCtx(context)
                throw .parameterRejected(name: name, value: value, message: String(cString: ZSTD_getErrorName(result)))
            }
        }
        self.context = context
        self.output = .allocate(byteCount: outputChunkSize, alignment: 16)
        self.frameSize = frameSize
        self.frameRemaining = frameSize ?? Int.max
    }

    deinit {
        ZSTD_freeCCtx(context)
        output.deallocate()
    }

    /// Compresses `input`, handing full output chunks to `consumer`. Output that does not
    /// fill a chunk yet stays buffered until the next call or ``finish(into:)``.
    ///
    /// - Throws: ``ZstdError`` from libzstd, the consumer (wrapped in
    ///   ``ZstdError/consumerFailed(_:)``), or ``ZstdError/alreadyFinished``.
    public mutating func compress(
        _ input: UnsafeRawBufferPointer,
        into consumer: (UnsafeRawBufferPointer) async throws -> Void
    ) async throws(ZstdError) {
        guard !finished else { throw .alreadyFinished }
        var offset = 0
        while offset < input.count {
            let take = min(input.count - offset, frameRemaining)
            let piece = UnsafeRawBufferPointer(rebasing: input[offset..<(offset + take)])
            try await run(piece, directive: ZSTD_e_continue, consumer: consumer)
            offset += take
            inputByteCount += UInt64(take)
            if let frameSize {
                frameRemaining -= take
                if frameRemaining == 0 {
                    try await run(UnsafeRawBufferPointer(start: nil, count: 0), directive: ZSTD_e_end, consumer: consumer)
                    frameRemaining = frameSize
                }
            }
        }
    }

    /// Ends the stream: flushes libzstd, hands the remaining output (the last, possibly
    /// short, chunk) to `consumer`, and returns SHA-256 and size of all compressed output.
    ///
    /// - Throws: ``ZstdError`` from libzstd, the consumer, or ``ZstdError/alreadyFinished``.
    public mutating func finish(
        into consumer: (UnsafeRawBufferPointer) async throws -> Void
    ) async throws(ZstdError) -> ContentDigest {
        guard !finished else { throw .alreadyFinished }
        finished = true
        // Close the open frame, unless the input ended exactly on a frame boundary (then
        // the last frame is already complete). Empty input still gets one (empty) frame.
        let endedOnFrameBoundary = frameSize != nil && frameRemaining == frameSize && inputByteCount > 0
        if !endedOnFrameBoundary {
            try await run(UnsafeRawBufferPointer(start: nil, count: 0), directive: ZSTD_e_end, consumer: consumer)
        }
        if outputPosition > 0 {
            try await emit(consumer)
        }
        return hasher.finalize()
    }

    /// Calls `ZSTD_compressStream2` until `input` is consumed (continue) or the frame is
    /// complete (end), emitting every full output buffer.
    private mutating func run(
        _ input: UnsafeRawBufferPointer,
        directive: ZSTD_EndDirective,
        consumer: (UnsafeRawBufferPointer) async throws -> Void
    ) async throws(ZstdError) {
        var inBuffer = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        while true {
            var outBuffer = ZSTD_outBuffer(dst: output.baseAddress, size: output.count, pos: outputPosition)
            let result = ZSTD_compressStream2(context, &outBuffer, &inBuffer, directive)
            if ZSTD_isError(result) != 0 {
                throw .compressionFailed(message: String(cString: ZSTD_getErrorName(result)))
            }
            outputPosition = outBuffer.pos
            if outputPosition == output.count {
                try await emit(consumer)
            }
            let done = directive == ZSTD_e_end ? result == 0 : inBuffer.pos == inBuffer.size
            if done { return }
        }
    }

    private mutating func emit(_ consumer: (UnsafeRawBufferPointer) async throws -> Void) async throws(ZstdError) {
        let chunk = UnsafeRawBufferPointer(rebasing: output[0..<outputPosition])
        hasher.update(chunk)
        outputPosition = 0
        do {
            try await consumer(chunk)
        } catch {
            throw .consumerFailed(error)
        }
    }
}
