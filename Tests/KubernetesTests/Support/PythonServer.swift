import Foundation

/// A Python HTTP server run as a peer for transport tests; stopped with ``stop()``.
final class PythonServer: Sendable {
    let process: Process
    let port: Int

    static var pythonAvailable: Bool { FileManager.default.isExecutableFile(atPath: python) }
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/python3"

    /// Runs `script` (which prints its port on the first stdout line) with `arguments`.
    init(script: String, arguments: [String] = []) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = ["-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            line.append(data)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            throw CocoaError(.fileReadCorruptFile)
        }
        self.process = process
        self.port = port
    }

    /// Runs the research prototype fake API server (`kubernetes-fakeapi-prototype.py PORT`) on a free port.
    init(prototype path: String) throws {
        var lastError: (any Error)?
        for _ in 0..<5 {
            let port = Int.random(in: 20_000..<60_000)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.python)
            process.arguments = [path, String(port)]
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            do {
                try process.run()
                var text = ""
                while !text.contains("listening") {
                    let data = errors.fileHandleForReading.availableData
                    if data.isEmpty { break }
                    text += String(decoding: data, as: UTF8.self)
                }
                guard text.contains("listening") else { throw CocoaError(.fileReadUnknown) }
                // Keep draining its request log so it never blocks on a full pipe.
                let handle = errors.fileHandleForReading
                Thread.detachNewThread {
                    while !handle.availableData.isEmpty {}
                }
                self.process = process
                self.port = port
                return
            } catch {
                lastError = error
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            }
        }
        throw lastError ?? CocoaError(.fileReadUnknown)
    }

    /// Kills the server (SIGKILL: the test runner's children may ignore SIGTERM).
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// The research prototype, if this checkout has `shared/` beside it (CI) or at `/work/shared`.
    static let prototypePath: String? = {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            repository.deletingLastPathComponent().appendingPathComponent("shared/research/kubernetes-fakeapi-prototype.py").path,
            "/work/shared/research/kubernetes-fakeapi-prototype.py",
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }()

    /// Echoes, as a Pod, the `Authorization` header and the client certificate's CN it saw, in annotations.
    /// Arguments: `plain`, or `tls CERT KEY CA` (client certificates required).
    static let echoScript = #"""
        import http.server, json, ssl, sys
        class H(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                cert = self.connection.getpeercert() if hasattr(self.connection, "getpeercert") else None
                cn = dict(x[0] for x in cert["subject"]).get("commonName", "") if cert else ""
                body = json.dumps({"kind": "Pod", "apiVersion": "v1", "metadata": {"name": "echo",
                    "annotations": {"auth": self.headers.get("Authorization") or "", "cn": cn}}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *a):
                pass
        srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        if sys.argv[1] == "tls":
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(sys.argv[2], sys.argv[3])
            ctx.load_verify_locations(sys.argv[4])
            ctx.verify_mode = ssl.CERT_REQUIRED
            srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
        print(srv.server_address[1], flush=True)
        srv.serve_forever()
        """#
}
