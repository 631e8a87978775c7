import Foundation

/// Asks `nix-store` itself, for what the database cannot answer for an unprivileged user
/// under a multi-user daemon: the outputs of a derivation
/// (`nix-store -q --outputs DRV`, which the research notes verified inside a Nix 2.8
/// post-build-hook in both single-user and daemon mode).
public enum NixStoreQuery {
    /// The output paths of `drv`.
    ///
    /// - Throws: ``PathInfoError/nixStoreFailed(command:status:message:)``.
    public static func outputs(ofDerivation drv: StorePath, store: NixStore = .system) throws(PathInfoError) -> [StorePath] {
        let arguments = store.nixStoreArguments + ["-q", "--outputs", drv.path]
        let output = try run(arguments)
        return output.split(whereSeparator: \.isNewline).compactMap { try? StorePath(String($0), storeDirectory: store.storeDirectory) }
    }

    private static func run(_ arguments: [String]) throws(PathInfoError) -> String {
        let command = "nix-store " + arguments.joined(separator: " ")
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        guard let executable = (searchPath.split(separator: ":").map { "\($0)/nix-store" } + ["/nix/var/nix/profiles/default/bin/nix-store"])
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw .nixStoreFailed(command: command, status: 127, message: "nix-store is not on PATH")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .nixStoreFailed(command: command, status: 127, message: error.localizedDescription)
        }
        // Outputs are small (a few paths); read stdout fully before waiting.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw .nixStoreFailed(command: command, status: process.terminationStatus, message: text)
        }
        return String(decoding: data, as: UTF8.self)
    }
}
