#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Streams a NAR through SHA-256 and zstd into a staging file: NAR → hash → zstd → disk,
/// one chunk at a time. Refuses (and deletes the file) when the NAR differs from what the
/// database recorded.
enum NARSpool {
    /// Zstd frames are cut every 16 MiB of input, as Nix 2.35 does, so big NARs can be
    /// decompressed in parallel.
    static let frameSize = 16 << 20

    /// NARs at least this large are compressed by libzstd worker threads
    /// (`ZSTD_c_nbWorkers`), so reading and hashing on this task overlap with compression
    /// on the others; smaller ones compress inline, where starting threads costs more than
    /// it saves.
    static let parallelThreshold: UInt64 = 8 << 20

    /// Input bytes per libzstd job: 2 MiB instead of libzstd's 8 MiB at level 3 keeps the
    /// workers' buffers (input and output per job) to a few MiB.
    static let jobSize = 2 << 20

    /// libzstd workers for a NAR of `size` bytes: one per core, at most 4 (each holds
    /// a few MiB of job buffers).
    static func workers(forNARSize size: UInt64) -> Int {
        size >= parallelThreshold ? min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 4) : 0
    }

    static func compress(
        _ info: StorePathInfo, from source: NARSource, level: Int, into directory: String
    ) async throws(CacheTargetError) -> SpooledNAR {
        let path = info.path.path
        var template = Array("\(directory)/.flywheel-nar-\(info.path.hashPart)-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw .spoolFailed(path: path, reason: "cannot create a file in '\(directory)': \(String(cString: strerror(errno)))")
        }
        let file = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var keep = false
        defer {
            close(descriptor)
            if !keep { unlink(file) }
        }

        var compressor: ZstdCompressor
        do {
            compressor = try ZstdCompressor(level: level, workers: workers(forNARSize: info.narSize), jobSize: jobSize, frameSize: frameSize)
        } catch {
            throw .configuration(target: "zstd", reason: error.description)
        }
        var narHasher = NARHasher()
        let append: (UnsafeRawBufferPointer) throws -> Void = { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw CacheTargetError.spoolFailed(path: path, reason: "write to '\(file)' failed: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
        let fileDigest: ContentDigest
        do {
            try await NARWriter.stream(path: source.physicalPath, chunkSize: source.chunkSize) { chunk in
                narHasher.update(chunk)
                try await compressor.compress(chunk) { try append($0) }
            }
            fileDigest = try await compressor.finish { try append($0) }
        } catch let error as NARError {
            throw unwrap(error, path: path)
        } catch let error as ZstdError {
            if case .consumerFailed(let inner) = error, let targetError = inner as? CacheTargetError { throw targetError }
            throw .spoolFailed(path: path, reason: error.description)
        } catch {
            throw .spoolFailed(path: path, reason: "\(error)")
        }
        let nar = narHasher.finalize()
        guard nar.hash == info.narHash, nar.size == info.narSize else {
            throw .narHashMismatch(path: path, expected: info.narHash.nix32String, expectedSize: info.narSize,
                                   actual: nar.hash.nix32String, actualSize: nar.size)
        }
        keep = true
        return SpooledNAR(file: file, fileDigest: fileDigest, narDigest: nar)
    }

    private static func unwrap(_ error: NARError, path: String) -> CacheTargetError {
        switch error {
        case .cancelled: return .cancelled
        case .consumerFailed(let inner):
            if let targetError = inner as? CacheTargetError { return targetError }
            if let zstdError = inner as? ZstdError {
                if case .consumerFailed(let deeper) = zstdError, let targetError = deeper as? CacheTargetError { return targetError }
                return .spoolFailed(path: path, reason: zstdError.description)
            }
            return .spoolFailed(path: path, reason: "\(inner)")
        default: return .narUnreadable(path: path, reason: error.description)
        }
    }
}
