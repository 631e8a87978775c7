import Foundation
import GitLabRunnerAPI
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The job's trace, kept in a file on disk so memory stays constant however long the log grows.
///
/// Every write is masked (``SecretMasker``), then cut at the output limit, then appended to the file.
/// ``size`` and ``checksum`` always describe exactly the bytes in the file, which are what GitLab
/// receives. When the limit is reached, the kept output ends on a UTF-8 character boundary, a yellow
/// notice follows once, and everything after is dropped (counted in ``droppedBytes``); the job goes on.
///
/// Thread-safe: writers, the uploader's reads and the accessors may run concurrently.
public final class TraceBuffer: TraceWriter, Sendable {
    private struct State {
        var masker: SecretMasker
        let file: TraceFile
        var finished = false
        /// Reused between writes: the masked output of one write, appended to the file at once.
        var scratch: [UInt8] = []

        /// Masks `bytes` (or, when `nil`, releases what the masker holds back) and appends the result.
        mutating func pass(_ bytes: UnsafeRawBufferPointer?) {
            var output: [UInt8] = []
            swap(&output, &scratch)
            output.removeAll(keepingCapacity: true)
            if let bytes {
                masker.process(bytes) { output.append(contentsOf: $0) }
            } else {
                masker.finish { output.append(contentsOf: $0) }
            }
            output.withUnsafeBytes { file.append($0) }
            if output.capacity <= Self.scratchCapacity { swap(&output, &scratch) }
        }

        /// Largest scratch buffer kept between writes.
        static let scratchCapacity = 1 << 20
    }

    /// The trace file.
    public let path: String
    /// Most bytes of job output kept; `0` or less for no limit.
    public let outputLimit: Int
    private let state: Mutex<State>

    /// Creates (or truncates) the trace file at `path`, readable by its owner only.
    ///
    /// - Parameters:
    ///   - outputLimit: most bytes of job output kept (`output_limit` KiB × 1024); `0` or less for no limit.
    ///   - masker: masks every write; its held-back bytes are released by ``finish()``.
    /// - Throws: ``TraceBufferError`` when the file cannot be created.
    public init(path: String, outputLimit: Int, masker: SecretMasker) throws(TraceBufferError) {
        self.path = path
        self.outputLimit = outputLimit
        let file = try TraceFile(path: path, limit: outputLimit > 0 ? Int64(outputLimit) : nil)
        state = Mutex(State(masker: masker, file: file))
    }

    /// Creates (or truncates) the trace file at `fileURL`; see ``init(path:outputLimit:masker:)``.
    public convenience init(fileURL: URL, outputLimit: Int, masker: SecretMasker) throws(TraceBufferError) {
        try self.init(path: fileURL.path, outputLimit: outputLimit, masker: masker)
    }

    /// Masks `bytes` and appends what the output limit allows. Ignored after ``finish()`` or ``remove()``.
    public func write(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        state.withLock { state in
            guard !state.finished else { return }
            state.pass(bytes)
        }
    }

    /// Releases the bytes the masker held back and stops accepting writes. Idempotent.
    public func finish() {
        state.withLock { state in
            guard !state.finished else { return }
            state.finished = true
            state.pass(nil)
        }
    }

    /// Number of bytes in the trace file.
    public var size: Int64 { state.withLock { $0.file.size } }

    /// CRC-32 (IEEE) of the bytes in the trace file.
    public var checksum: UInt32 { state.withLock { $0.file.checksum } }

    /// Checksum and size as sent in job updates.
    public var output: TraceOutput {
        state.withLock { TraceOutput(crc32: $0.file.checksum, bytesize: $0.file.size) }
    }

    /// Bytes of (masked) output that were not kept: beyond the output limit or lost to write errors.
    public var droppedBytes: Int64 { state.withLock { $0.file.droppedBytes } }

    /// Whether the output limit was reached.
    public var limitReached: Bool { state.withLock { $0.file.limitReached } }

    /// The first error writing the file, if any (output it concerned is counted in ``droppedBytes``).
    public var writeFailure: TraceBufferError? { state.withLock { $0.file.writeFailure } }

    /// Reads up to `maxLength` bytes from `offset`; fewer (or none) when the file holds less.
    ///
    /// - Throws: ``TraceBufferError`` when reading fails or the buffer was removed.
    public func read(from offset: Int64, maxLength: Int) throws(TraceBufferError) -> [UInt8] {
        try state.withLock { state throws(TraceBufferError) -> [UInt8] in
            try state.file.read(from: offset, maxLength: maxLength)
        }
    }

    /// Closes and deletes the trace file. Later writes are ignored and reads fail.
    public func remove() {
        let wasOpen = state.withLock { state in
            state.finished = true
            let wasOpen = state.file.isOpen
            state.file.close()
            return wasOpen
        }
        if wasOpen { unlink(path) }
    }
}
