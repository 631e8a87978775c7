import CSQLite
import Synchronization

/// A read-only SQLite connection; every use is serialized by a lock, so one connection
/// can be shared between tasks.
final class SQLiteConnection: @unchecked Sendable {  // the handle is only touched under `lock`
    /// One result row: column values as text (NULL as nil) and as integers.
    struct Row {
        let texts: [String?]
        let integers: [Int64?]
    }

    private let handle: OpaquePointer
    private let lock = Mutex<Void>(())
    let path: String

    /// Opens `path` read-only through a URI (`mode=ro`), which keeps WAL mode working:
    /// readers see committed transactions of a running Nix without blocking it.
    init(readOnly path: String, busyTimeoutMilliseconds: Int32 = 10_000) throws(PathInfoError) {
        var pointer: OpaquePointer?
        let uri = "file:" + Self.percentEncode(path) + "?mode=ro"
        let flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(uri, &pointer, flags, nil)
        guard status == SQLITE_OK, let pointer else {
            let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(status))
            if let pointer { sqlite3_close_v2(pointer) }
            throw .cannotOpenDatabase(path: path, reason: message)
        }
        sqlite3_busy_timeout(pointer, busyTimeoutMilliseconds)
        handle = pointer
        self.path = path
        // Opening is lazy; touch the schema now so a missing or unreadable file fails here.
        _ = try query("SELECT count(*) FROM sqlite_master", [])
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs `sql` with text or integer parameters and returns every row.
    func query(_ sql: String, _ parameters: [SQLiteValue]) throws(PathInfoError) -> [Row] {
        try lock.withLock { _ throws(PathInfoError) in
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
                throw .queryFailed(database: path, reason: String(cString: sqlite3_errmsg(handle)))
            }
            defer { sqlite3_finalize(statement) }
            let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
            for (index, parameter) in parameters.enumerated() {
                switch parameter {
                case .text(let text): sqlite3_bind_text(statement, Int32(index + 1), text, -1, transient)
                case .integer(let value): sqlite3_bind_int64(statement, Int32(index + 1), value)
                }
            }
            var rows: [Row] = []
            while true {
                let step = sqlite3_step(statement)
                if step == SQLITE_DONE { break }
                guard step == SQLITE_ROW else {
                    throw .queryFailed(database: path, reason: String(cString: sqlite3_errmsg(handle)))
                }
                let count = sqlite3_column_count(statement)
                var texts: [String?] = []
                var integers: [Int64?] = []
                for column in 0..<count {
                    if sqlite3_column_type(statement, column) == SQLITE_NULL {
                        texts.append(nil)
                        integers.append(nil)
                    } else {
                        integers.append(sqlite3_column_int64(statement, column))
                        texts.append(sqlite3_column_text(statement, column).map { String(cString: $0) })
                    }
                }
                rows.append(Row(texts: texts, integers: integers))
            }
            return rows
        }
    }

    private static func percentEncode(_ path: String) -> String {
        var output = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "%"):
                output += "%" + String(byte, radix: 16, uppercase: true)
            default:
                output.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return output
    }
}
