import Artifacts
import Foundation
import GitLabRunnerAPI

extension JobSupervisor {
    /// `restore_cache`: for each `cache:` entry that pulls, the first of its key and fallback keys
    /// (then `CACHE_FALLBACK_KEY`) found in the store, unpacked into the project directory. Cache
    /// problems are warnings: they never fail the job.
    func restoreCaches() async {
        guard let store = settings.cacheStore else { return }
        let pulling = job.cache.filter { $0.policy != "push" && !$0.paths.isEmpty || $0.untracked && $0.policy != "push" }
        guard !pulling.isEmpty else { return }
        let globalFallback = job.variables.last { $0.key == "CACHE_FALLBACK_KEY" }?.value
        await sectionAsync("restore_cache", "Restoring cache") {
            for cache in pulling {
                let key = cache.key.isEmpty ? "default" : cache.key
                let candidates = [key] + cache.fallbackKeys + (globalFallback.map { [$0] } ?? [])
                var restored = false
                for candidate in candidates where !restored {
                    trace.write(TraceMessage.plain("Checking cache for \(candidate)..."))
                    let archive = FileManager.default.temporaryDirectory.appendingPathComponent("flywheel-cache-\(job.id)-\(UUID().uuidString.prefix(8)).zip").path
                    defer { try? FileManager.default.removeItem(atPath: archive) }
                    do {
                        guard try await store.fetch(key: candidate, to: archive) else {
                            trace.write(TraceMessage.warning("\(candidate): no cache archive yet"))
                            continue
                        }
                        try ZipArchiveReader.extract(archive: archive, into: scripts.layout.projectDir)
                        trace.write(TraceMessage.success("Successfully extracted cache \(candidate)"))
                        restored = true
                    } catch {
                        trace.write(TraceMessage.warning("Failed to extract cache \(candidate): \(error)"))
                    }
                }
            }
        }
    }

    /// `archive_cache` / `archive_cache_on_failure`: for each `cache:` entry that pushes and whose
    /// `when` matches, its paths zipped and stored under its key. Never fails the job.
    func archiveCaches(after result: JobOutcome.Result) async {
        guard let store = settings.cacheStore else { return }
        let succeeded = result == .success
        let pushing = job.cache.filter { cache in
            guard cache.policy != "pull", !cache.paths.isEmpty || cache.untracked else { return false }
            switch cache.when {
            case "always": return true
            case "on_failure": return !succeeded
            default: return succeeded
            }
        }
        guard !pushing.isEmpty else { return }
        await sectionAsync(succeeded ? "archive_cache" : "archive_cache_on_failure", "Saving cache for \(succeeded ? "successful" : "failed") job") {
            for cache in pushing {
                let key = cache.key.isEmpty ? "default" : cache.key
                trace.write(TraceMessage.plain("Creating cache \(key)..."))
                let collector = ArtifactCollector(projectDirectory: scripts.layout.projectDir, paths: cache.paths, untracked: cache.untracked)
                let archive = FileManager.default.temporaryDirectory.appendingPathComponent("flywheel-cache-save-\(job.id)-\(UUID().uuidString.prefix(8)).zip").path
                defer { try? FileManager.default.removeItem(atPath: archive) }
                do {
                    let selection = try collector.collect()
                    for pattern in selection.unmatchedPaths {
                        trace.write(TraceMessage.warning("\(pattern): no matching files"))
                    }
                    guard !selection.entries.isEmpty else {
                        trace.write(TraceMessage.warning("No files to cache for \(key); nothing saved"))
                        continue
                    }
                    _ = try collector.archive(selection, to: archive, compressionLevel: 1)
                    try await store.store(key: key, from: archive)
                    trace.write(TraceMessage.plain("Created cache \(key) (\(selection.entries.count) entries)"))
                } catch {
                    trace.write(TraceMessage.warning("Failed to create cache \(key): \(error)"))
                }
            }
        }
    }
}
