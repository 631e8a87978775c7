import Foundation

/// What `flywheel cache hook` does as Nix's post-build-hook: read `OUT_PATHS` (or, when
/// it is empty as in Nix 2.8, the outputs of `DRV_PATH`), send them to the watcher, and
/// report — never fail. Nix stops scheduling builds when the hook exits non-zero, so the
/// caller always exits 0.
public enum PostBuildHook {
    /// Result of one hook run: a line for the build log.
    public struct Outcome: Sendable, Hashable {
        /// Paths sent to the watcher.
        public var paths: [String]
        /// Whether the watcher took them.
        public var delivered: Bool
        /// The one-line message for the build log.
        public var message: String
    }

    /// Runs the hook logic for `environment` (normally the process environment).
    public static func run(
        environment: [String: String], socket: String, store: NixStore = .system, timeout: Duration = .seconds(2)
    ) -> Outcome {
        var paths = (environment["OUT_PATHS"] ?? "").split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
        let drv = environment["DRV_PATH"].flatMap { $0.isEmpty ? nil : $0 }
        if paths.isEmpty, let drv, let drvPath = try? store.storePath(drv) {
            if let database = try? NixDatabase(store: store), let outputs = try? database.outputs(ofDerivation: drvPath), !outputs.isEmpty {
                paths = outputs.map(\.path)
            } else if let outputs = try? NixStoreQuery.outputs(ofDerivation: drvPath, store: store) {
                paths = outputs.map(\.path)
            }
        }
        guard !paths.isEmpty || drv != nil else {
            return Outcome(paths: [], delivered: false, message: "flywheel cache hook: neither OUT_PATHS nor DRV_PATH is set; nothing to upload")
        }
        do {
            let reply = try HookClient.send(HookMessage(command: .enqueue, paths: paths, drv: drv), socket: socket, timeout: timeout)
            let count = reply.queued ?? paths.count
            return Outcome(paths: paths, delivered: reply.ok, message: "flywheel cache hook: queued \(count) path\(count == 1 ? "" : "s") for upload")
        } catch {
            return Outcome(paths: paths, delivered: false, message: "flywheel cache hook: \(error); not uploading \(paths.joined(separator: " ")) (the build goes on)")
        }
    }
}
