/// `Array.withUnsafeBytes` has no async variant; this copies into a scratch buffer that
/// lives across the awaits of `body`.
enum AsyncBytes {
    static func with<Result>(
        _ bytes: some Collection<UInt8>,
        _ body: (UnsafeRawBufferPointer) async throws -> Result
    ) async rethrows -> Result {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        defer { buffer.deallocate() }
        buffer.copyBytes(from: bytes)
        return try await body(UnsafeRawBufferPointer(rebasing: buffer[0..<bytes.count]))
    }
}
