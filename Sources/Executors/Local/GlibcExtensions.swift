import Glibc

/// GNU extensions of glibc used by the local executor.
///
/// Swift's `Glibc` module is built without `_GNU_SOURCE`, so `pipe2`, the `_np` spawn file actions and
/// `pthread_setname_np` are not imported; they are looked up at run time instead (glibc ≥ 2.34 has
/// them all). When one is missing the wrapper fails with `ENOSYS`.
enum GlibcExtensions {
    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
    private typealias SetName = @convention(c) (pthread_t, UnsafePointer<CChar>?) -> Int32

    private static let pipe2Symbol = symbol("pipe2", as: Pipe2.self)
    private static let addChdirSymbol = symbol("posix_spawn_file_actions_addchdir_np", as: AddChdir.self)
    private static let addCloseFromSymbol = symbol("posix_spawn_file_actions_addclosefrom_np", as: AddCloseFrom.self)
    private static let setNameSymbol = symbol("pthread_setname_np", as: SetName.self)

    /// Looks `name` up among the symbols already loaded (`RTLD_DEFAULT`).
    private static func symbol<Function>(_ name: String, as type: Function.Type) -> Function? {
        guard let address = dlsym(nil, name) else { return nil }
        return unsafeBitCast(address, to: type)
    }

    /// `pipe2(2)`: creates a pipe with `flags` (e.g. `O_CLOEXEC`) set atomically.
    ///
    /// - Returns: the read and write ends, or `nil` with `errno` set.
    static func pipe2(flags: Int32) -> (read: Int32, write: Int32)? {
        guard let function = pipe2Symbol else {
            errno = ENOSYS
            return nil
        }
        var ends: [Int32] = [-1, -1]
        let result = ends.withUnsafeMutableBufferPointer { function($0.baseAddress, flags) }
        return result == 0 ? (ends[0], ends[1]) : nil
    }

    /// `posix_spawn_file_actions_addchdir_np(3)`; returns an error number, `0` on success.
    static func addChdir(_ actions: inout posix_spawn_file_actions_t, _ path: String) -> Int32 {
        guard let function = addChdirSymbol else { return ENOSYS }
        return function(&actions, path)
    }

    /// `posix_spawn_file_actions_addclosefrom_np(3)`; returns an error number, `0` on success.
    static func addCloseFrom(_ actions: inout posix_spawn_file_actions_t, _ lowest: Int32) -> Int32 {
        guard let function = addCloseFromSymbol else { return ENOSYS }
        return function(&actions, lowest)
    }

    /// `pthread_setname_np(3)`; best effort, the name is cut to 15 bytes.
    static func setThreadName(_ thread: pthread_t, _ name: String) {
        guard let function = setNameSymbol else { return }
        var bytes = Array(name.utf8.prefix(15)).map { CChar(bitPattern: $0) }
        bytes.append(0)
        _ = function(thread, bytes)
    }
}
