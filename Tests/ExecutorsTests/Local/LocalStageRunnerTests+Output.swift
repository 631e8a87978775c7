@testable import Executors
import Glibc
import JobExecution
import Testing

extension LocalStageRunnerTests {
    @Test("stdout and stderr arrive interleaved in write order, byte for byte")
    func interleavedOutput() async throws {
        let (exit, output) = try await run("echo a; echo b >&2; printf 'c'")
        #expect(exit == .exited(0))
        #expect(output.text == "a\nb\nc")
    }

    @Test("binary output, including NUL and 0xFF bytes, passes unchanged")
    func binaryOutput() async throws {
        let (exit, output) = try await run(#"printf 'A\000B\377C\n'"#)
        #expect(exit == .exited(0))
        #expect(output.bytes == [0x41, 0x00, 0x42, 0xFF, 0x43, 0x0A])
    }

    @Test("50 MB of output arrives complete before wait() returns")
    func largeOutput() async throws {
        let size = 52_428_800
        let (exit, output) = try await run("head -c \(size) /dev/zero | tr '\\0' x; echo done >&2")
        #expect(exit == .exited(0))
        let bytes = output.bytes
        #expect(bytes.count == size + 5)
        // All bytes are equal iff the run equals itself shifted by one (memcmp: element-wise loops
        // over 50 MB are slow in debug builds).
        let identical = bytes.count >= size && bytes.withUnsafeBytes { received in
            received[0] == UInt8(ascii: "x") && memcmp(received.baseAddress!, received.baseAddress! + 1, size - 1) == 0
        }
        #expect(identical)
        let tail = Array(bytes.suffix(5))  // outside #expect, which would capture all of `bytes`
        #expect(tail == Array("done\n".utf8))
    }

    @Test("the sh shell runs scripts with sh, not bash")
    func shShell() async throws {
        let (exit, output) = try await run("echo \"bash=${BASH_VERSION:-none}\"", runner: sandbox.runner(shell: "sh"))
        #expect(exit == .exited(0))
        #expect(output.text == "bash=none\n")
    }
}
