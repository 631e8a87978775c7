import Foundation

/// Test PKI made with the `openssl` command (Debian package `openssl`), as notes §2.9 does it.
enum TLSMaterial {
    /// Writes `ca.key`, `ca.crt`, `server.key` and `server.crt` into `directory` unless they all
    /// exist. The server certificate has SANs for `127.0.0.1`, `::1`, `localhost` and `hosts`.
    static func generate(in directory: String, hosts: [String]) throws(KubernetesSimulatorError) -> KubernetesSimulatorTLS {
        let tls = KubernetesSimulatorTLS(certificateFile: directory + "/server.crt", privateKeyFile: directory + "/server.key",
                                         caFile: directory + "/ca.crt")
        let files = [tls.certificateFile, tls.privateKeyFile, tls.caFile, directory + "/ca.key"]
        if files.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) { return tls }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .tls("cannot create \(directory): \(error)")
        }
        guard let openssl = Bubblewrap.findExecutable("openssl") else {
            throw .tls("the openssl command is missing (apt-get install openssl)")
        }
        var names = ["IP:127.0.0.1", "IP:::1", "DNS:localhost"]
        for host in hosts where !["127.0.0.1", "::1", "localhost"].contains(host) {
            names.append((host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." }) ? "IP:\(host)" : "DNS:\(host)")
        }
        let extensions = """
            subjectAltName=\(names.joined(separator: ","))
            extendedKeyUsage=serverAuth
            keyUsage=critical,digitalSignature,keyEncipherment
            basicConstraints=critical,CA:FALSE

            """
        let extensionFile = directory + "/server-ext.cnf"
        do {
            try extensions.write(toFile: extensionFile, atomically: true, encoding: .utf8)
        } catch {
            throw .tls("cannot write \(extensionFile): \(error)")
        }
        let curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try run(openssl, ["req", "-x509"] + curve + ["-keyout", "ca.key", "-out", "ca.crt", "-days", "365",
                                                    "-subj", "/CN=flywheel-sim-ca",
                                                    "-addext", "basicConstraints=critical,CA:TRUE",
                                                    "-addext", "keyUsage=critical,keyCertSign,cRLSign"], in: directory)
        try run(openssl, ["req"] + curve + ["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=kube-apiserver"], in: directory)
        try run(openssl, ["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                          "-out", "server.crt", "-days", "365", "-extfile", "server-ext.cnf"], in: directory)
        return tls
    }

    private static func run(_ executable: String, _ arguments: [String], in directory: String) throws(KubernetesSimulatorError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .tls("cannot run openssl: \(error)")
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .tls("openssl \(arguments.first ?? "") failed: \(String(decoding: message, as: UTF8.self))")
        }
    }
}
