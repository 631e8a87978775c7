// nar-bench: throughput of NAR streaming + SHA-256 and of zstd over a generated tree and
// a large file, plus peak RSS. Run with `swift run -c release nar-bench [options]`.
import Foundation
import NixCache

struct Options {
    var treeMiB = 512
    var fileMiB = 512
    var level = ZstdCompressor.defaultLevel
    var directory = FileManager.default.temporaryDirectory.path
    var keep = false

    static let usage = """
        usage: nar-bench [--tree-mib N] [--file-mib N] [--level L] [--dir PATH] [--keep]
          --tree-mib N  size of the generated tree of many files (default 512)
          --file-mib N  size of the single large file (default 512)
          --level L     zstd level (default 3)
          --dir PATH    where to generate the data (default: the temp directory)
          --keep        do not delete the generated data
        """

    init(arguments: [String]) throws {
        var iterator = arguments.makeIterator()
        func value(_ flag: String) throws -> String {
            guard let next = iterator.next() else { throw BenchError.usage("\(flag) needs a value") }
            return next
        }
        func integer(_ flag: String) throws -> Int {
            let text = try value(flag)
            guard let number = Int(text), number >= 0 else { throw BenchError.usage("\(flag): '\(text)' is not a non-negative integer") }
            return number
        }
        while let argument = iterator.next() {
            switch argument {
            case "--tree-mib": treeMiB = try integer(argument)
            case "--file-mib": fileMiB = try integer(argument)
            case "--level": level = try integer(argument)
            case "--dir": directory = try value(argument)
            case "--keep": keep = true
            case "-h", "--help": throw BenchError.usage(nil)
            default: throw BenchError.usage("unknown argument '\(argument)'")
            }
        }
    }
}

enum BenchError: Error, CustomStringConvertible {
    case usage(String?)
    case cannotCreate(String)

    var description: String {
        switch self {
        case .usage(let message): return message ?? "usage"
        case .cannotCreate(let path): return "cannot create '\(path)' (does its directory exist and is it writable?)"
        }
    }
}

/// Data that compresses roughly like binaries and text in a store path: runs of words
/// from a small vocabulary mixed with random blocks.
struct DataGenerator {
    private var state: UInt64
    private let words: [[UInt8]] = ["lib", "usr", "nix", "store", "main", "init", "static", "const",
                                    "return", "0x00", "\t", "\n", "__text", "ELF", "glibc", "symbol"].map { Array($0.utf8) }
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Fills `buffer`: 1 in 4 blocks of 4 KiB random, the rest word salad.
    mutating func fill(_ buffer: inout [UInt8]) {
        var index = 0
        while index < buffer.count {
            let end = min(buffer.count, index + 4096)
            if next() % 4 == 0 {
                while index < end {
                    var value = next()
                    for _ in 0..<8 where index < end {
                        buffer[index] = UInt8(truncatingIfNeeded: value)
                        value >>= 8
                        index += 1
                    }
                }
            } else {
                while index < end {
                    for byte in words[Int(next() % UInt64(words.count))] where index < end {
                        buffer[index] = byte
                        index += 1
                    }
                }
            }
        }
    }

    /// Writes `size` bytes to `path` in 1 MiB chunks.
    mutating func writeFile(_ path: String, size: Int, mode: Int = 0o644) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: mode]) else {
            throw BenchError.cannotCreate(path)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var block = [UInt8](repeating: 0, count: 1 << 20)
        var remaining = size
        while remaining > 0 {
            fill(&block)
            let count = min(remaining, block.count)
            try handle.write(contentsOf: block[0..<count])
            remaining -= count
        }
    }
}

/// Generates a store-path-like tree: nested directories, many small files, some large
/// ones, symlinks and executables, `totalBytes` of file content in all.
func generateTree(at root: String, totalBytes: Int) throws -> (files: Int, directories: Int) {
    var generator = DataGenerator(seed: 1)
    var written = 0, files = 0, directories = 0
    let sizes = [512, 2048, 8192, 32_768, 131_072, 1 << 20, 4 << 20]
    while written < totalBytes {
        let directory = "\(root)/d\(directories / 16)/s\(directories)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        directories += 1
        for index in 0..<24 where written < totalBytes {
            let size = min(sizes[Int(generator.next() % UInt64(sizes.count))], totalBytes - written)
            try generator.writeFile("\(directory)/f\(index)", size: size, mode: index % 5 == 0 ? 0o755 : 0o644)
            written += size
            files += 1
        }
        try FileManager.default.createSymbolicLink(atPath: "\(directory)/link", withDestinationPath: "f0")
    }
    return (files, directories)
}

/// Peak resident set size (VmHWM) from /proc/self/status, in MiB.
func peakRSSMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return .nan }
    return kib / 1024
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func format(_ value: Double) -> String { String(format: "%8.1f", value) }

/// Runs the three measurements over `path` and prints one line each.
func measure(_ label: String, path: String, level: Int) async throws {
    let clock = ContinuousClock()
    // Warm-up read so every measurement sees the page cache in the same state.
    var narSize: UInt64 = 0
    try await NARWriter.stream(path: path) { narSize += UInt64($0.count) }
    let mib = Double(narSize) / 1_048_576

    let streamOnly = try await clock.measure {
        try await NARWriter.stream(path: path) { _ in }
    }
    var hasher = NARHasher()
    let streamAndHash = try await clock.measure {
        try await NARWriter.stream(path: path) { hasher.update($0) }
    }
    let narDigest = hasher.finalize()

    var fileDigest = ContentDigest(hash: narDigest.hash, size: 0)
    var compressor = try ZstdCompressor(level: level)
    var pipelineHasher = NARHasher()
    let pipeline = try await clock.measure {
        try await NARWriter.stream(path: path) { chunk in
            pipelineHasher.update(chunk)
            try await compressor.compress(chunk) { _ in }
        }
        fileDigest = try await compressor.finish { _ in }
    }

    print("\(label): NAR \(String(format: "%.1f", mib)) MiB, \(narDigest.hash.nix32String)")
    print("  NAR stream only          \(format(mib / seconds(streamOnly))) MiB/s")
    print("  NAR stream + SHA-256     \(format(mib / seconds(streamAndHash))) MiB/s")
    print("  NAR + SHA-256 + zstd -\(level)  \(format(mib / seconds(pipeline))) MiB/s  (ratio \(String(format: "%.2f", Double(narSize) / Double(max(fileDigest.size, 1)))), FileHash included)")
    print("  peak RSS so far          \(format(peakRSSMiB())) MiB")
}

do {
    let options = try Options(arguments: Array(CommandLine.arguments.dropFirst()))
    let base = "\(options.directory)/nar-bench-\(ProcessInfo.processInfo.processIdentifier)"
    try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
    defer { if !options.keep { try? FileManager.default.removeItem(atPath: base) } }

    print("nar-bench: tree \(options.treeMiB) MiB, large file \(options.fileMiB) MiB, zstd level \(options.level), data in \(base)")
    print("  (files are read from the page cache after a warm-up pass; this measures CPU cost, not disk)")
    if options.treeMiB > 0 {
        let (files, directories) = try generateTree(at: "\(base)/tree", totalBytes: options.treeMiB << 20)
        print("generated tree: \(files) files in \(directories) directories; peak RSS \(format(peakRSSMiB())) MiB")
        try await measure("tree", path: "\(base)/tree", level: options.level)
    }
    if options.fileMiB > 0 {
        var generator = DataGenerator(seed: 2)
        try generator.writeFile("\(base)/large.bin", size: options.fileMiB << 20)
        try await measure("large file", path: "\(base)/large.bin", level: options.level)
    }
    print("peak RSS of the whole run: \(format(peakRSSMiB())) MiB")
} catch BenchError.usage(let message) {
    if let message { FileHandle.standardError.write(Data("nar-bench: \(message)\n".utf8)) }
    FileHandle.standardError.write(Data((Options.usage + "\n").utf8))
    exit(message == nil ? 0 : 2)
} catch {
    FileHandle.standardError.write(Data("nar-bench: \(error)\n".utf8))
    exit(1)
}
