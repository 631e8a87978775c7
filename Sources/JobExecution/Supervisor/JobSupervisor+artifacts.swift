import Artifacts
import Foundation
import GitLabRunnerAPI

extension JobSupervisor {
    /// `download_artifacts`: each dependency's archive, unpacked into the project directory.
    /// Returns `nil`, or the failure that ends the job.
    func downloadDependencies() async -> JobOutcome.Result? {
        let dependencies = job.dependencies.filter { $0.artifactsFile != nil }
        guard !dependencies.isEmpty else { return nil }
        var failure: JobOutcome.Result?
        await sectionAsync("download_artifacts", "Downloading artifacts") {
            for dependency in dependencies {
                trace.write(TraceMessage.plain("Downloading artifacts for \(dependency.name) (\(dependency.id))..."))
                let archive = FileManager.default.temporaryDirectory.appendingPathComponent("flywheel-artifacts-\(job.id)-\(dependency.id)-\(UUID().uuidString.prefix(8)).zip").path
                defer { try? FileManager.default.removeItem(atPath: archive) }
                do {
                    switch try await api.downloadArtifacts(id: dependency.id, jobToken: dependency.token, to: archive) {
                    case .downloaded(let bytes):
                        let count = try ZipArchiveReader.extract(archive: archive, into: scripts.layout.projectDir)
                        trace.write(TraceMessage.plain("Downloaded \(bytes) bytes, \(count) entries from \(dependency.name)"))
                    case .notFound:
                        trace.write(TraceMessage.error("Downloading artifacts for \(dependency.name) (\(dependency.id)): 404 Not Found (expired or never uploaded)"))
                        failure = .failed(.scriptFailure, exitCode: nil)
                    case .rejected(let status):
                        trace.write(TraceMessage.error("Downloading artifacts for \(dependency.name) (\(dependency.id)): GitLab answered HTTP \(status)"))
                        failure = .failed(.scriptFailure, exitCode: nil)
                    case .unsupported:
                        trace.write(TraceMessage.warning("Artifacts of \(dependency.name) are not available here (no GitLab); continuing without them"))
                    }
                } catch {
                    trace.write(TraceMessage.error("Downloading artifacts for \(dependency.name) (\(dependency.id)) failed: \(error)"))
                    failure = .failed(.scriptFailure, exitCode: nil)
                }
                if failure != nil { return }
            }
        }
        return failure
    }

    /// `upload_artifacts_on_success` / `_on_failure`: the archives whose `when` matches the result.
    /// Returns `nil`, or the failure that ends the job (only when the job had succeeded: a script
    /// error wins over an artifact error).
    func uploadArtifacts(after result: JobOutcome.Result) async -> JobOutcome.Result? {
        let succeeded = result == .success
        let chosen = job.artifacts.filter { artifact in
            switch artifact.when {
            case "always": true
            case "on_failure": !succeeded
            default: succeeded
            }
        }
        guard !chosen.isEmpty else { return nil }
        var failed = false
        let name = succeeded ? "upload_artifacts_on_success" : "upload_artifacts_on_failure"
        await sectionAsync(name, "Uploading artifacts for \(succeeded ? "successful" : "failed") job") {
            for artifact in chosen {
                if await !upload(artifact) { failed = true }
            }
        }
        return failed && succeeded ? .failed(.scriptFailure, exitCode: nil) : nil
    }

    /// Collects, zips and uploads one `artifacts` entry. Returns `false` when it should fail the job.
    private func upload(_ artifact: JobArtifact) async -> Bool {
        guard artifact.artifactType == "archive", artifact.artifactFormat == "zip" else {
            trace.write(TraceMessage.warning("artifacts:reports:\(artifact.artifactType) are not uploaded by this runner yet; skipped"))
            return true
        }
        trace.write(TraceMessage.plain("Uploading artifacts..."))
        let collector = ArtifactCollector(projectDirectory: scripts.layout.projectDir, paths: artifact.paths, exclude: artifact.exclude, untracked: artifact.untracked)
        let archive = FileManager.default.temporaryDirectory.appendingPathComponent("flywheel-upload-\(job.id)-\(UUID().uuidString.prefix(8)).zip").path
        defer { try? FileManager.default.removeItem(atPath: archive) }
        let size: UInt64
        do {
            let selection = try collector.collect()
            for pattern in selection.unmatchedPaths {
                trace.write(TraceMessage.warning("\(pattern): no matching files. Ensure that the artifact path is relative to the working directory (\(scripts.layout.projectDir))"))
            }
            if selection.excludedCount > 0 {
                trace.write(TraceMessage.plain("\(selection.excludedCount) path(s) excluded by artifacts:exclude"))
            }
            guard !selection.entries.isEmpty else {
                trace.write(TraceMessage.error("No files to upload"))
                return true
            }
            trace.write(TraceMessage.plain("\(selection.entries.count) files and directories found"))
            size = try collector.archive(selection, to: archive)
        } catch {
            trace.write(TraceMessage.error("Uploading artifacts: cannot build the archive: \(error)"))
            return false
        }
        let filename = (artifact.name.isEmpty ? "artifacts" : artifact.name) + ".zip"
        let upload = ArtifactUpload(path: archive, filename: filename, format: artifact.artifactFormat, type: artifact.artifactType, expireIn: artifact.expireIn)
        do {
            switch try await api.uploadArtifact(id: job.id, jobToken: job.token, upload: upload) {
            case .created:
                trace.write(TraceMessage.plain("Uploading artifacts as \"archive\" to coordinator... 201 Created (\(size) bytes)"))
                return true
            case .tooLarge:
                trace.write(TraceMessage.error("Uploading artifacts as \"archive\" to coordinator... 413 Request Entity Too Large: the archive is \(size) bytes, more than this GitLab allows. Make `artifacts:paths` narrower, add `artifacts:exclude`, or raise the maximum artifacts size"))
                return false
            case .rejected(let status, let message):
                trace.write(TraceMessage.error("Uploading artifacts as \"archive\" to coordinator... HTTP \(status) \(message)"))
                return false
            case .unsupported:
                trace.write(TraceMessage.warning("Artifacts are not uploaded here (no GitLab); the archive would be \(size) bytes"))
                return true
            }
        } catch {
            trace.write(TraceMessage.error("Uploading artifacts failed: \(error)"))
            return false
        }
    }
}
