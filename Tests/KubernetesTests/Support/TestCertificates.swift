import Foundation

/// A CA, a client certificate (`O=system:masters, CN=ci-agent`) and a server certificate for 127.0.0.1, made with
/// `openssl` (tests using them are skipped where it is missing). Files stay in the directory: `ca.crt`,
/// `client.crt`, `client.key`, `server.crt`, `server.key`.
struct TestCertificates {
    let caPEM: String
    let clientCertificatePEM: String
    let clientKeyPEM: String

    static var opensslAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") }

    static func make(in directory: TemporaryDirectory) throws -> TestCertificates {
        let script = """
        set -e
        cd '\(directory.path)'
        openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 2 -subj /CN=test-ca 2>/dev/null
        openssl req -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj /O=system:masters/CN=ci-agent 2>/dev/null
        openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out client.crt -days 2 2>/dev/null
        openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=kube-apiserver 2>/dev/null
        printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' > ext.cnf
        openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 2 -extfile ext.cnf 2>/dev/null
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        func read(_ name: String) throws -> String { try String(contentsOfFile: directory.path + "/" + name, encoding: .utf8) }
        return TestCertificates(caPEM: try read("ca.crt"), clientCertificatePEM: try read("client.crt"), clientKeyPEM: try read("client.key"))
    }
}
