#if canImport(Glibc)
import Glibc

/// glibc GNU extensions the kubelet needs for spawning. Swift's `Glibc` module is built without
/// `_GNU_SOURCE`, so they are looked up at run time (glibc ≥ 2.34 has them all).
enum GlibcSymbols {
    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32

    private static let pipe2Function = lookup("pipe2", as: Pipe2.self)
    private static let addCloseFromFunction = lookup("posix_spawn_file_actions_addclosefrom_np", as: AddCloseFrom.self)
    private static let addChdirFunction = lookup("posix_spawn_file_actions_addchdir_np", as: AddChdir.self)

    /// `POSIX_SPAWN_SETSID` (glibc ≥ 2.26).
    static let spawnSetSID: Int32 = 0x80

    private static func lookup<Function>(_ name: String, as type: Function.Type) -> Function? {
        guard let address = dlsym(nil, name) else { return nil }
        return unsafeBitCast(address, to: type)
    }

    /// `pipe2(O_CLOEXEC)`; `nil` with `errno` set on failure.
    static func closeOnExecPipe() -> (read: Int32, write: Int32)? {
        var ends: [Int32] = [-1, -1]
        if let function = pipe2Function {
            let result = ends.withUnsafeMutableBufferPointer { function($0.baseAddress, O_CLOEXEC) }
            return result == 0 ? (ends[0], ends[1]) : nil
        }
        guard pipe(&ends) == 0 else { return nil }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        return (ends[0], ends[1])
    }

    /// `posix_spawn_file_actions_addclosefrom_np`; an error number, 0 on success.
    static func addCloseFrom(_ actions: inout posix_spawn_file_actions_t, _ lowest: Int32) -> Int32 {
        guard let function = addCloseFromFunction else { return ENOSYS }
        return function(&actions, lowest)
    }

    /// `posix_spawn_file_actions_addchdir_np`; an error number, 0 on success.
    static func addChdir(_ actions: inout posix_spawn_file_actions_t, _ path: String) -> Int32 {
        guard let function = addChdirFunction else { return ENOSYS }
        return function(&actions, path)
    }
}
#endif
