import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The agent's system id: a stable identifier of the machine (or pod) the
/// agent runs on, sent to GitLab so that runners on different machines
/// sharing one token are told apart.
public enum SystemID {
    /// The file holding the id, next to the configuration file.
    public static let fileName = ".runner_system_id"
    /// The environment variable that, when set and non-empty, overrides the id.
    public static let overrideVariable = "FLYWHEEL_SYSTEM_ID"

    /// Returns the system id, in this order:
    /// 1. `FLYWHEEL_SYSTEM_ID` when set and non-empty (it must be valid);
    /// 2. the contents of `.runner_system_id` next to `configPath`, trimmed
    ///    of whitespace (it must be valid);
    /// 3. a new `s_` + 12 random lowercase hex digits id, written to that
    ///    file (mode 0644);
    /// 4. when that directory is not writable (e.g. a read-only ConfigMap
    ///    mount), an id derived from the host name (`HOSTNAME`, else the
    ///    system host name): `s_` + the first 12 hex digits of its 64-bit
    ///    FNV-1a hash, so each pod gets a distinct, stable id.
    ///
    /// Valid ids match `^[sr]_[0-9a-zA-Z]{12}$`.
    ///
    /// - Throws: ``SystemIDError`` naming the file or variable at fault.
    public static func loadOrCreate(configPath: String) throws(SystemIDError) -> String {
        try loadOrCreate(configPath: configPath, environment: ProcessInfo.processInfo.environment, systemHostName: systemHostName)
    }

    /// ``loadOrCreate(configPath:)`` with the environment and the system
    /// host name lookup supplied by the caller.
    static func loadOrCreate(
        configPath: String,
        environment: [String: String],
        systemHostName: () -> String?
    ) throws(SystemIDError) -> String {
        if let value = environment[overrideVariable], !value.isEmpty {
            let id = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard isValid(id) else { throw .invalidOverride(value: value) }
            return id
        }
        let directory = ConfigurationPaths.directory(ofConfig: configPath)
        let filePath = ConfigurationPaths.resolve(fileName, relativeTo: directory)
        if let existing = try read(filePath) {
            return existing
        }
        let id = random()
        switch create(filePath, contents: id) {
        case .created:
            return id
        case .alreadyExists:
            // Another process created it first: use theirs.
            guard let existing = try read(filePath) else {
                throw .cannotCreate(path: filePath, reason: "it appeared and vanished while being created")
            }
            return existing
        case .notWritable:
            let hostName = environment["HOSTNAME"].flatMap { $0.isEmpty ? nil : $0 } ?? systemHostName() ?? "localhost"
            return derived(fromHostName: hostName)
        case .failed(let reason):
            throw .cannotCreate(path: filePath, reason: reason)
        }
    }

    /// Whether `id` matches `^[sr]_[0-9a-zA-Z]{12}$`.
    public static func isValid(_ id: String) -> Bool {
        let scalars = Array(id.unicodeScalars)
        guard scalars.count == 14, scalars[0] == "s" || scalars[0] == "r", scalars[1] == "_" else { return false }
        return scalars[2...].allSatisfy { scalar in
            switch scalar {
            case "0"..."9", "a"..."z", "A"..."Z": true
            default: false
            }
        }
    }

    /// `s_` + the first 12 hex digits of the 64-bit FNV-1a hash of
    /// `hostName`'s UTF-8 bytes.
    static func derived(fromHostName hostName: String) -> String {
        "s_" + hex(FNV1a.hash64(hostName.utf8) >> 16, digits: 12)
    }

    /// `s_` + 12 random lowercase hex digits.
    static func random() -> String {
        "s_" + hex(UInt64.random(in: 0..<(1 << 48)), digits: 12)
    }

    private static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// The trimmed, validated id in `path`, or `nil` when there is no file.
    private static func read(_ path: String) throws(SystemIDError) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableFile(path: path, reason: "it is not a readable file")
        }
        let contents = String(decoding: data, as: UTF8.self)
        let id = contents.trimmingCharacters(in: .whitespacesAndNewlines)
        guard isValid(id) else { throw .malformedFile(path: path, contents: contents) }
        return id
    }

    private enum CreateResult {
        case created, alreadyExists, notWritable, failed(String)
    }

    /// Creates `path` holding `contents` atomically: writes a temporary
    /// file in the same directory and hard-links it into place, so readers
    /// never see a partial file and a concurrent creator wins cleanly.
    private static func create(_ path: String, contents: String) -> CreateResult {
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return classify(errno) }
        defer { unlink(temporary) }
        _ = fchmod(descriptor, 0o644)
        let bytes = Array(contents.utf8)
        let written = bytes.withUnsafeBytes { buffer in write(descriptor, buffer.baseAddress, buffer.count) }
        let writeError = errno
        close(descriptor)
        guard written == bytes.count else {
            return .failed(written < 0 ? describe(writeError) : "short write")
        }
        guard link(temporary, path) == 0 else {
            let linkError = errno
            return linkError == EEXIST ? .alreadyExists : classify(linkError)
        }
        return .created
    }

    private static func classify(_ code: Int32) -> CreateResult {
        switch code {
        case EACCES, EPERM, EROFS: .notWritable
        case EEXIST: .alreadyExists
        default: .failed(describe(code))
        }
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// The system host name from `gethostname`, or `nil` if unavailable.
    private static func systemHostName() -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return nil }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
