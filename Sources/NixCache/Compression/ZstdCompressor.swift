import CZstd
import NIOCore

/// Streaming zstd compression through libzstd's `ZSTD_compressStream2`, with a SHA-256
/// and byte count of the compressed output (a narinfo's `FileHash`/`FileSize`).
///
/// Push style: feed input with ``compress(_:into:)`` in chunks of any size, then call
/// ``finish(into:)`` once. Pull style: ``compress(_:allocator:)`` and
/// ``finish(allocator:)`` turn `ByteBuffer`s into `ByteBuffer`s. Use one style per stream. Compressed bytes go to the consumer in chunks of exactly
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
    ///   - jobSize: with workers, the input bytes of one job (`ZSTD_c_jobSize`, at least
    ///     512 KiB); `nil` lets libzstd choose (4 windows, 8 MiB at level 3). Memory grows
    ///     with workers × job size, so a smaller job keeps peak RSS down.
    ///   - frameSize: if set, end a frame after every this many input bytes, so the output
    ///     is a sequence of independent frames (Nix 2.35 uses 16 MiB); `nil` writes one frame.
    ///   - outputChunkSize: size of the chunks handed to the consumer.
    /// - Throws: ``ZstdError`` for an unsupported level or option.
    public init(
        level: Int = ZstdCompressor.defaultLevel,
        checksum: Bool = true,
        workers: Int = 0,
        jobSize: Int? = nil,
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
        ] + (workers > 0 ? jobSize.map { [(ZSTD_c_jobSize, "jobSize", $0)] } ?? [] : [])
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
    public nonisolated(nonsending) mutating func compress(
        _ input: UnsafeRawBufferPointer,
        into consumer: nonisolated(nonsending) (UnsafeRawBufferPointer) async throws -> Void
    ) async throws(ZstdError) {
        guard !finished else { throw .alreadyFinished }
        var offset = 0
        while offset < input.count {
            let (take, endsFrame) = nextPiece(available: input.count - offset)
            try await run(UnsafeRawBufferPointer(rebasing: input[offset..<(offset + take)]), directive: ZSTD_e_continue, consumer: consumer)
            offset += take
            if endsFrame {
                try await run(UnsafeRawBufferPointer(start: nil, count: 0), directive: ZSTD_e_end, consumer: consumer)
            }
        }
    }

    /// Ends the stream: flushes libzstd, hands the remaining output (the last, possibly
    /// short, chunk) to `consumer`, and returns SHA-256 and size of all compressed output.
    ///
    /// - Throws: ``ZstdError`` from libzstd, the consumer, or ``ZstdError/alreadyFinished``.
    public nonisolated(nonsending) mutating func finish(
        into consumer: nonisolated(nonsending) (UnsafeRawBufferPointer) async throws -> Void
    ) async throws(ZstdError) -> ContentDigest {
        guard !finished else { throw .alreadyFinished }
        finished = true
        if needsFinalFrameEnd {
            try await run(UnsafeRawBufferPointer(start: nil, count: 0), directive: ZSTD_e_end, consumer: consumer)
        }
        if outputPosition > 0 {
            try await emit(consumer)
        }
        return hasher.finalize()
    }

    /// Compresses the readable bytes of `input` (its reader index is not moved) and returns
    /// all compressed output produced so far, for pull-based pipelines such as
    /// `NARWriter.chunks(path:)` → HTTP body. The result may be empty: libzstd buffers
    /// up to a block before it writes.
    ///
    /// - Throws: ``ZstdError`` from libzstd or ``ZstdError/alreadyFinished``.
    public mutating func compress(_ input: ByteBuffer, allocator: ByteBufferAllocator = ByteBufferAllocator()) throws(ZstdError) -> ByteBuffer {
        guard !finished else { throw .alreadyFinished }
        var result = allocator.buffer(capacity: 0)
        var failure: ZstdError?
        input.withUnsafeReadableBytes { bytes in
            do throws(ZstdError) {
                var offset = 0
                while offset < bytes.count {
                    let (take, endsFrame) = nextPiece(available: bytes.count - offset)
                    try runCollecting(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + take)]), directive: ZSTD_e_continue, into: &result)
                    offset += take
                    if endsFrame {
                        try runCollecting(UnsafeRawBufferPointer(start: nil, count: 0), directive: ZSTD_e_end, into: &result)
                    }
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        collect(into: &result)
        return result
    }

    /// Ends the stream and returns the remaining compressed output together with SHA-256
    /// and size of all compressed output.
    ///
    /// - Throws: ``ZstdError`` from libzstd or ``ZstdError/alreadyFinished``.
    public mutating func finish(allocator: ByteBufferAllocator = ByteBufferAllocator()) throws(ZstdError) -> (output: ByteBuffer, digest: ContentDigest) {
        guard !finished else { throw .alreadyFinished }
        finished = true
        var result = allocator.buffer(capacity: 0)
        if needsFinalFrameEnd {
            try runCollecting(UnsafeRawBufferPointer(start: nil, count: 0), directive: ZSTD_e_end, into: &result)
        }
        collect(into: &result)
        return (result, hasher.finalize())
    }

    // MARK: - Driving libzstd

    /// Close the open frame at the end, unless the input ended exactly on a frame boundary
    /// (then the last frame is already complete). Empty input still gets one empty frame.
    private var needsFinalFrameEnd: Bool {
        !(frameSize != nil && frameRemaining == frameSize && inputByteCount > 0)
    }

    /// How much of `available` input bytes to feed next, and whether a frame ends after it.
    private mutating func nextPiece(available: Int) -> (take: Int, endsFrame: Bool) {
        let take = min(available, frameRemaining)
        inputByteCount += UInt64(take)
        guard let frameSize else { return (take, false) }
        frameRemaining -= take
        if frameRemaining == 0 {
            frameRemaining = frameSize
            return (take, true)
        }
        return (take, false)
    }

    /// One `ZSTD_compressStream2` call into the free part of the output buffer; true once
    /// the input is consumed (continue) or the frame is fully flushed (end).
    private mutating func step(_ input: inout ZSTD_inBuffer, _ directive: ZSTD_EndDirective) throws(ZstdError) -> Bool {
        var outBuffer = ZSTD_outBuffer(dst: output.baseAddress, size: output.count, pos: outputPosition)
        let result = ZSTD_compressStream2(context, &outBuffer, &input, directive)
        if ZSTD_isError(result) != 0 {
            throw .compressionFailed(message: String(cString: ZSTD_getErrorName(result)))
        }
        outputPosition = outBuffer.pos
        return directive == ZSTD_e_end ? result == 0 : input.pos == input.size
    }

    private nonisolated(nonsending) mutating func run(
        _ input: UnsafeRawBufferPointer,
        directive: ZSTD_EndDirective,
        consumer: nonisolated(nonsending) (UnsafeRawBufferPointer) async throws -> Void
    ) async throws(ZstdError) {
        var inBuffer = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        while true {
            let done = try step(&inBuffer, directive)
            if outputPosition == output.count {
                try await emit(consumer)
            }
            if done { return }
        }
    }

    private mutating func runCollecting(_ input: UnsafeRawBufferPointer, directive: ZSTD_EndDirective, into result: inout ByteBuffer) throws(ZstdError) {
        var inBuffer = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        while true {
            let done = try step(&inBuffer, directive)
            if outputPosition == output.count {
                collect(into: &result)
            }
            if done { return }
        }
    }

    private nonisolated(nonsending) mutating func emit(
        _ consumer: nonisolated(nonsending) (UnsafeRawBufferPointer) async throws -> Void
    ) async throws(ZstdError) {
        let chunk = UnsafeRawBufferPointer(rebasing: output[0..<outputPosition])
        hasher.update(chunk)
        outputPosition = 0
        do {
            try await consumer(chunk)
        } catch {
            throw .consumerFailed(error)
        }
    }

    private mutating func collect(into result: inout ByteBuffer) {
        guard outputPosition > 0 else { return }
        let chunk = UnsafeRawBufferPointer(rebasing: output[0..<outputPosition])
        hasher.update(chunk)
        result.writeBytes(chunk)
        outputPosition = 0
    }
}
