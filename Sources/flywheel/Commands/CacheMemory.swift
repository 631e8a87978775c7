#if canImport(Glibc)
import Glibc
#endif

/// glibc allocator settings for the uploading commands, which move large buffers (1 MiB
/// file chunks, zstd job buffers) between many threads (NIO, libzstd workers, Swift's
/// pool).
///
/// By default glibc raises its mmap threshold to the size of the largest buffer freed
/// (up to 32 MiB) and lets threads use up to 8 arenas per core, so such buffers end up cached in
/// several arenas instead of going back to the system: measured with `cache-bench`, a
/// 1.3 GiB push over HTTP peaked at 78 MiB RSS by default and 56-58 MiB with a fixed 2 MiB
/// threshold and two arenas.
enum CacheMemory {
    /// Fixes the mmap threshold at 2 MiB (zstd job buffers are returned to the system
    /// when freed) and limits malloc to two arenas. Call once, before any upload starts.
    /// `FLYWHEEL_MALLOC_TUNING=off` keeps glibc's defaults (for comparisons).
    static func limitAllocatorCaching() {
        #if canImport(Glibc)
        if let value = getenv("FLYWHEEL_MALLOC_TUNING"), String(cString: value) == "off" { return }
        // <malloc.h> is not part of the Glibc module: look mallopt up (RTLD_DEFAULT) and use
        // its documented option numbers.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
        let arenaMaximum: Int32 = -8  // M_ARENA_MAX
        _ = mallopt(mmapThreshold, 2 << 20)
        _ = mallopt(arenaMaximum, 2)
        #endif
    }
}
