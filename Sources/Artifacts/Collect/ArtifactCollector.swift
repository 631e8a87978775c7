import Foundation

/// Chooses the files of an artifact archive from a project directory, as GitLab's runner does:
/// `paths` globs (a matched directory brings everything below it), minus `exclude` globs, plus
/// untracked files when asked. Nothing outside the project directory is ever taken; `.git` never is.
public struct ArtifactCollector: Sendable {
    public var projectDirectory: String
    public var paths: [String]
    public var exclude: [String]
    public var untracked: Bool

    public init(projectDirectory: String, paths: [String], exclude: [String] = [], untracked: Bool = false) {
        self.projectDirectory = projectDirectory
        self.paths = paths
        self.exclude = exclude
        self.untracked = untracked
    }

    /// What was chosen: relative names (directories end in `/`), in archive order, and the patterns
    /// that matched nothing (GitLab warns about them).
    public struct Selection: Sendable, Equatable {
        public var entries: [String]
        public var unmatchedPaths: [String]
        public var excludedCount: Int
    }

    public func collect() throws(ArtifactError) -> Selection {
        let includes = paths.map(PathPattern.init)
        let excludes = exclude.map(PathPattern.init)
        var untrackedFiles: Set<String> = []
        if untracked { untrackedFiles = Self.untrackedFiles(in: projectDirectory) }
        var chosen: [String] = []
        var matchedPatterns = Set<Int>()
        var excludedCount = 0
        func visit(_ relative: String, includedByAncestor: Bool, excludedByAncestor: Bool) {
            let absolute = projectDirectory + (relative.isEmpty ? "" : "/" + relative)
            var info = stat()
            guard lstat(absolute, &info) == 0 else { return }
            let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
            var included = includedByAncestor
            var excluded = excludedByAncestor
            if !relative.isEmpty {
                for (index, pattern) in includes.enumerated() where pattern.matches(relative) {
                    matchedPatterns.insert(index)
                    included = true
                }
                if untrackedFiles.contains(relative) { included = true }
                if included, !excluded, excludes.contains(where: { $0.matches(relative) }) {
                    excluded = true
                    excludedCount += 1
                }
                if included, !excluded { chosen.append(isDirectory ? relative + "/" : relative) }
            }
            guard isDirectory else { return }
            let children = ((try? FileManager.default.contentsOfDirectory(atPath: absolute)) ?? []).sorted()
            for child in children where !(relative.isEmpty && child == ".git") {
                visit(relative.isEmpty ? child : relative + "/" + child, includedByAncestor: included, excludedByAncestor: excluded)
            }
        }
        guard FileManager.default.fileExists(atPath: projectDirectory) else {
            throw ArtifactError("the project directory \(projectDirectory) does not exist")
        }
        visit("", includedByAncestor: false, excludedByAncestor: false)
        let unmatched = paths.enumerated().filter { !matchedPatterns.contains($0.offset) }.map(\.element)
        return Selection(entries: chosen, unmatchedPaths: unmatched, excludedCount: excludedCount)
    }

    /// Files git does not track (and does not ignore), relative to the project directory.
    static func untrackedFiles(in directory: String) -> Set<String> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory, "ls-files", "--others", "--exclude-standard", "-z"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return [] }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return [] }
        return Set(data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) })
    }

    /// Writes the selection as a zip archive at `archive`. Returns its size in bytes.
    public func archive(_ selection: Selection, to archive: String, compressionLevel: Int32 = 6) throws(ArtifactError) -> UInt64 {
        do {
            let writer = try ZipArchiveWriter(path: archive, compressionLevel: compressionLevel)
            for name in selection.entries {
                let relative = name.hasSuffix("/") ? String(name.dropLast()) : name
                try writer.add(name: name, source: projectDirectory + "/" + relative)
            }
            return try writer.finish()
        } catch let error as ArtifactError {
            throw error
        } catch {
            throw ArtifactError("\(error)")
        }
    }
}
