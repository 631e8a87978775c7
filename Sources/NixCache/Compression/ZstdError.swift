/// Why zstd compression failed.
public enum ZstdError: Error, Sendable, CustomStringConvertible {
    /// The level is outside what this libzstd supports.
    case invalidLevel(Int, supported: ClosedRange<Int>)
    /// An option was out of range (`frameSize`, `outputChunkSize`, `workers`).
    case invalidOption(name: String, value: Int, reason: String)
    /// `ZSTD_createCCtx` returned NULL (out of memory).
    case contextCreationFailed
    /// libzstd refused a parameter, e.g. worker threads in a build without multithreading.
    case parameterRejected(name: String, value: Int, message: String)
    /// `ZSTD_compressStream2` reported an error.
    case compressionFailed(message: String)
    /// The consumer that received compressed chunks threw.
    case consumerFailed(any Error)
    /// `compress` or `finish` was called after `finish`.
    case alreadyFinished

    public var description: String {
        switch self {
        case .invalidLevel(let level, let supported):
            return "zstd: compression level \(level) is not supported; use \(supported.lowerBound)...\(supported.upperBound) (3 is the default, 1-3 suit inline uploads)"
        case .invalidOption(let name, let value, let reason):
            return "zstd: \(name) = \(value) is invalid: \(reason)"
        case .contextCreationFailed:
            return "zstd: could not create a compression context (out of memory?)"
        case .parameterRejected(let name, let value, let message):
            return "zstd: libzstd rejected \(name) = \(value): \(message)"
        case .compressionFailed(let message):
            return "zstd: compression failed: \(message)"
        case .consumerFailed(let error):
            return "zstd: the consumer of the compressed stream failed: \(error)"
        case .alreadyFinished:
            return "zstd: the compressor was already finished; create a new one for the next stream"
        }
    }
}
