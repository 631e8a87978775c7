import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `bwrap` arguments that rebuild the host's file system read-only inside a sandbox, with
/// room for volume mount points.
///
/// bwrap's new root is an empty tmpfs. Binding `/` read-only would make it impossible to
/// create mount points such as `/builds` (notes §3.3), so each top-level host directory is
/// bound on its own. Where a mount target lies *inside* a host directory, that directory is
/// recreated as a plain directory and its entries are bound one by one, recursively, so the
/// target can be created next to them.
enum RootFilesystemPlan {
    /// Top-level entries the sandbox gets fresh (`/proc`, `/dev`, tmpfs) or does not see.
    static let skippedTopLevel: Set<String> = ["proc", "dev", "sys", "tmp", "run", "root", "lost+found", "old_root", "mnt", "media", "boot"]

    /// Arguments for the host tree, given the sandbox paths that will receive binds.
    static func arguments(mountTargets: [String]) -> [String] {
        var arguments: [String] = []
        for entry in listDirectory("/") where !skippedTopLevel.contains(entry) {
            arguments += plan("/" + entry, targets: mountTargets)
        }
        return arguments
    }

    private static func plan(_ path: String, targets: [String]) -> [String] {
        var info = stat()
        guard lstat(path, &info) == 0 else { return [] }
        if (info.st_mode & S_IFMT) == S_IFLNK {
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else { return [] }
            return ["--symlink", destination, path]
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR, targets.contains(where: { $0.hasPrefix(path + "/") }) else {
            return ["--ro-bind", path, path]
        }
        var arguments = ["--dir", path]
        for child in listDirectory(path) {
            let childPath = path + "/" + child
            if targets.contains(childPath) { continue }
            arguments += plan(childPath, targets: targets)
        }
        return arguments
    }

    private static func listDirectory(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    /// `path` with symbolic links in its existing host prefix resolved (so `/var/run/x` becomes
    /// `/run/x` where `/var/run` links to `/run`), as the mount would land there.
    static func resolvingHostLinks(_ path: String) -> String {
        var resolved = ""
        var components = path.split(separator: "/").map(String.init)
        var hops = 0
        while !components.isEmpty {
            let component = components.removeFirst()
            let candidate = resolved + "/" + component
            if hops < 32, let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: candidate) {
                hops += 1
                let base = destination.hasPrefix("/") ? "" : resolved
                components = (base + "/" + destination).split(separator: "/").map(String.init) + components
                resolved = ""
                continue
            }
            resolved = candidate
        }
        return resolved.isEmpty ? "/" : resolved
    }
}
