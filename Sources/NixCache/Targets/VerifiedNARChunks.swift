import NIOCore
import Synchronization

/// The NAR of a path as an HTTP request body that refuses to complete a corrupt upload:
/// chunks are hashed as they pass, and the last chunk is held back until the whole NAR
/// has been compared with the database's NarHash/NarSize. On a mismatch (or a NAR longer
/// than recorded) the sequence throws before the body is complete, so the server never
/// receives a full body, and ``Verdict`` records why.
struct VerifiedNARChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    /// Where a failed verification is recorded, for the caller to find even when the HTTP
    /// client reports the aborted body as a transport error.
    final class Verdict: Sendable {
        private let failure = Mutex<CacheTargetError?>(nil)
        var error: CacheTargetError? { failure.withLock { $0 } }
        func record(_ error: CacheTargetError) { failure.withLock { if $0 == nil { $0 = error } } }
    }

    let info: StorePathInfo
    let source: NARSource
    /// Bytes sent before the NAR (Attic's preamble), possibly empty.
    let prefix: [UInt8]
    let verdict: Verdict

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(info: info, inner: source.chunks().makeAsyncIterator(), prefix: prefix, verdict: verdict)
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let info: StorePathInfo
        var inner: NARChunks.AsyncIterator
        var prefix: [UInt8]
        let verdict: Verdict
        var held: ByteBuffer?
        var hasher = NARHasher()
        var finished = false

        init(info: StorePathInfo, inner: NARChunks.AsyncIterator, prefix: [UInt8], verdict: Verdict) {
            self.info = info
            self.inner = inner
            self.prefix = prefix
            self.verdict = verdict
        }

        mutating func next() async throws -> ByteBuffer? {
            if !prefix.isEmpty {
                defer { prefix = [] }
                return ByteBuffer(bytes: prefix)
            }
            if finished { return nil }
            while true {
                let chunk: ByteBuffer?
                do {
                    chunk = try await inner.next()
                } catch {
                    finished = true
                    let failure: CacheTargetError
                    if case .cancelled = error {
                        failure = .cancelled
                    } else {
                        failure = .narUnreadable(path: info.path.path, reason: error.description)
                    }
                    verdict.record(failure)
                    throw failure
                }
                guard let chunk else {
                    finished = true
                    try verify()
                    defer { held = nil }
                    return held
                }
                hasher.update(chunk)
                if hasher.byteCount > info.narSize {
                    finished = true
                    try verify()
                }
                if let previous = held {
                    held = chunk
                    return previous
                }
                held = chunk
            }
        }

        private func verify() throws {
            let digest = hasher.finalize()
            guard digest.hash == info.narHash, digest.size == info.narSize else {
                let failure = CacheTargetError.narHashMismatch(
                    path: info.path.path, expected: info.narHash.nix32String, expectedSize: info.narSize,
                    actual: digest.size > info.narSize ? "a longer NAR" : digest.hash.nix32String, actualSize: digest.size)
                verdict.record(failure)
                throw failure
            }
        }
    }
}
