/// Streaming masking of secrets in job output (notes §10.6), applied before anything reaches the trace.
///
/// - Every occurrence of a secret value becomes `[MASKED]`. Where secrets starting at the same byte
///   overlap, the longest wins; matching proceeds left to right.
/// - Every token that starts with a known prefix keeps the prefix and has the rest of its word
///   (the following run of `[A-Za-z0-9_-]`) replaced by `[MASKED]`. A prefix followed by no word
///   character is left alone. Like gitlab-runner, a prefix is recognised anywhere, also inside a word.
///
/// Both work across write boundaries: at the end of a ``process(_:emit:)`` call the masker holds back
/// the few bytes that could still begin a secret or token (fewer than the longest secret, at most
/// the longest prefix) and releases them with the next call or ``finish(emit:)``. Bytes that belong
/// to no secret pass through unchanged; nothing is decoded, so binary output is safe.
public struct SecretMasker: Sendable {
    /// The token prefixes gitlab-runner masks by default (`FF_MASK_ALL_DEFAULT_TOKENS`).
    ///
    /// Callers add the payload's `features.token_mask_prefixes`.
    public static let defaultTokenPrefixes = [
        "glpat-", "gloas-", "gldt-", "glrt-", "glcbt-", "glrtr-", "glptt-", "glft-", "glimt-",
        "glagent-", "glsoat-", "glffct-", "gltok-", "_gitlab_session=",
    ]

    /// The replacement text.
    static let replacement: StaticString = "[MASKED]"

    private enum Match {
        case none
        /// More input is needed to decide; hold back from here.
        case undecided
        case secret(length: Int)
        case token(prefixLength: Int)
    }

    private let secrets: [[UInt8]]
    private let prefixes: [[UInt8]]
    /// For each first byte: indices into `secrets`, longest first.
    private let secretsByFirstByte: [[Int]]
    /// For each first byte: indices into `prefixes`, longest first.
    private let prefixesByFirstByte: [[Int]]
    /// Whether a secret or a prefix starts with this byte.
    private let isCandidate: [Bool]

    /// Bytes held back at the end of the last write.
    private var pending: [UInt8] = []
    /// Inside a token whose rest is being dropped.
    private var droppingToken = false

    /// - Parameters:
    ///   - secrets: values to mask; empty values are ignored.
    ///   - tokenPrefixes: prefixes of tokens whose rest is masked; empty prefixes are ignored.
    public init(secrets: [String], tokenPrefixes: [String] = SecretMasker.defaultTokenPrefixes) {
        func normalized(_ values: [String]) -> [[UInt8]] {
            var seen = Set<[UInt8]>()
            var result: [[UInt8]] = []
            for value in values where !value.isEmpty {
                let bytes = Array(value.utf8)
                if seen.insert(bytes).inserted { result.append(bytes) }
            }
            return result
        }
        func index(_ values: [[UInt8]]) -> [[Int]] {
            var table = [[Int]](repeating: [], count: 256)
            for position in values.indices.sorted(by: { values[$0].count > values[$1].count }) {
                table[Int(values[position][0])].append(position)
            }
            return table
        }
        let secretBytes = normalized(secrets)
        let prefixBytes = normalized(tokenPrefixes)
        self.secrets = secretBytes
        self.prefixes = prefixBytes
        secretsByFirstByte = index(secretBytes)
        prefixesByFirstByte = index(prefixBytes)
        var candidates = [Bool](repeating: false, count: 256)
        for value in secretBytes + prefixBytes { candidates[Int(value[0])] = true }
        isCandidate = candidates
    }

    /// The most bytes the masker may hold back between writes.
    public var maximumHeldBack: Int {
        max(secrets.map { $0.count - 1 }.max() ?? 0, prefixes.map(\.count).max() ?? 0)
    }

    /// Masks `input`, handing the output to `emit` in one or more pieces (possibly none, when
    /// everything is held back). The pieces are only valid during the call of `emit`.
    public mutating func process(_ input: UnsafeRawBufferPointer, emit: (UnsafeRawBufferPointer) -> Void) {
        guard !input.isEmpty else { return }
        if secrets.isEmpty, prefixes.isEmpty {
            emit(input)
            return
        }
        if pending.isEmpty {
            scan(input, isFinal: false, emit: emit)
        } else {
            var combined = pending
            combined.append(contentsOf: input)
            pending = []
            combined.withUnsafeBytes { scan($0, isFinal: false, emit: emit) }
        }
    }

    /// Releases the bytes held back, masked as far as they go. The masker may be used again afterwards.
    public mutating func finish(emit: (UnsafeRawBufferPointer) -> Void) {
        let held = pending
        pending = []
        if !held.isEmpty {
            held.withUnsafeBytes { scan($0, isFinal: true, emit: emit) }
        }
        droppingToken = false
    }

    /// Whether `byte` belongs to a token word: `[A-Za-z0-9_-]`.
    static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    private static func emitReplacement(_ emit: (UnsafeRawBufferPointer) -> Void) {
        emit(UnsafeRawBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
    }

    /// Masks `data`; when not `isFinal`, holds back an undecided tail in `pending`.
    private mutating func scan(_ data: UnsafeRawBufferPointer, isFinal: Bool, emit: (UnsafeRawBufferPointer) -> Void) {
        let count = data.count
        var position = 0
        var runStart = 0
        func flush(upTo end: Int) {
            if end > runStart { emit(UnsafeRawBufferPointer(rebasing: data[runStart..<end])) }
        }
        let candidates = isCandidate
        candidates.withUnsafeBufferPointer { isCandidate in
            while position < count {
                let byte = data[position]
                if droppingToken {
                    if Self.isWordByte(byte) {
                        position += 1
                        runStart = position
                        continue
                    }
                    droppingToken = false
                }
                guard isCandidate[Int(byte)] else {
                    position += 1
                    continue
                }
                switch match(in: data, at: position, isFinal: isFinal) {
                case .none:
                    position += 1
                case .undecided:
                    flush(upTo: position)
                    pending = Array(data[position...])
                    runStart = count
                    position = count
                case .secret(let length):
                    flush(upTo: position)
                    Self.emitReplacement(emit)
                    position += length
                    runStart = position
                case .token(let prefixLength):
                    position += prefixLength
                    flush(upTo: position)
                    Self.emitReplacement(emit)
                    runStart = position
                    droppingToken = true
                }
            }
        }
        flush(upTo: count)
    }

    /// What starts at `position` of `data`.
    private func match(in data: UnsafeRawBufferPointer, at position: Int, isFinal: Bool) -> Match {
        let available = data.count - position
        let first = Int(data[position])
        var undecided = false
        // Longest first: a longer secret that is still incomplete must be decided before a shorter one wins.
        for index in secretsByFirstByte[first] {
            let secret = secrets[index]
            if secret.count <= available {
                if Self.bytes(data, at: position, equal: secret, count: secret.count) {
                    return undecided ? .undecided : .secret(length: secret.count)
                }
            } else if !isFinal, Self.bytes(data, at: position, equal: secret, count: available) {
                undecided = true
            }
        }
        if undecided { return .undecided }
        for index in prefixesByFirstByte[first] {
            let prefix = prefixes[index]
            if prefix.count < available {
                if Self.bytes(data, at: position, equal: prefix, count: prefix.count),
                   Self.isWordByte(data[position + prefix.count]) {
                    return .token(prefixLength: prefix.count)
                }
            } else if !isFinal, Self.bytes(data, at: position, equal: prefix, count: available) {
                // The prefix is incomplete, or complete with its next byte still unknown.
                return .undecided
            }
        }
        return .none
    }

    /// Whether the `count` bytes of `data` at `position` equal the first `count` bytes of `value`.
    private static func bytes(_ data: UnsafeRawBufferPointer, at position: Int, equal value: [UInt8], count: Int) -> Bool {
        value.withUnsafeBufferPointer { value in
            for offset in 0..<count where data[position + offset] != value[offset] {
                return false
            }
            return true
        }
    }
}
