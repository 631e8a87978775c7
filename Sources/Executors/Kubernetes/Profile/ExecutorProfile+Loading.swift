import Foundation
import Kubernetes
import Yams

extension ExecutorProfile {
    /// Reads `<directory>/<name>.yaml`.
    public static func load(named name: String, directory: String) throws(ExecutorProfileError) -> ExecutorProfile {
        let path = (directory as NSString).appendingPathComponent("\(name).yaml")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ExecutorProfileError(file: path, message: "cannot read the profile; profiles are <name>.yaml files in \(directory)")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Parses and validates profile YAML; errors name `file` and the key.
    public static func parse(_ text: String, file: String) throws(ExecutorProfileError) -> ExecutorProfile {
        let top: Any?
        do {
            top = try Yams.load(yaml: text)
        } catch {
            throw ExecutorProfileError(file: file, message: "invalid YAML: \(error)")
        }
        guard let mapping = top as? [String: Any] else {
            throw ExecutorProfileError(file: file, message: "a profile is a YAML mapping with at least `name` and `image.default`")
        }
        for key in mapping.keys.sorted() where !knownKeys.contains(key) {
            throw ExecutorProfileError(file: file, key: key, message: "unknown key; known keys are \(knownKeys.sorted().joined(separator: ", "))")
        }
        let profile: ExecutorProfile
        do {
            profile = try YAMLDecoder().decode(ExecutorProfile.self, from: text)
        } catch let error as DecodingError {
            throw Self.describe(error, file: file)
        } catch {
            throw ExecutorProfileError(file: file, message: "\(error)")
        }
        try profile.validate(file: file)
        return profile
    }

    func validate(file: String) throws(ExecutorProfileError) {
        guard !name.isEmpty else { throw ExecutorProfileError(file: file, key: "name", message: "must not be empty") }
        guard !image.default.isEmpty else { throw ExecutorProfileError(file: file, key: "image.default", message: "must name an image") }
        let reserved: Set<String> = ["prepare", "build", "supervisor"]
        for (index, container) in (sidecars ?? []).enumerated() where reserved.contains(container.name) {
            throw ExecutorProfileError(file: file, key: "sidecars[\(index)].name", message: "`\(container.name)` is reserved for flywheel's own containers")
        }
        for (index, container) in (initContainers ?? []).enumerated() where reserved.contains(container.name) {
            throw ExecutorProfileError(file: file, key: "initContainers[\(index)].name", message: "`\(container.name)` is reserved for flywheel's own containers")
        }
        let reservedVolumes: Set<String> = ["builds", "flywheel", "job"]
        for (index, volume) in (pod?.volumes ?? []).enumerated() where reservedVolumes.contains(volume.name) {
            throw ExecutorProfileError(file: file, key: "pod.volumes[\(index)].name", message: "`\(volume.name)` is reserved for flywheel's own volumes")
        }
    }

    static func describe(_ error: DecodingError, file: String) -> ExecutorProfileError {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context):
            return ExecutorProfileError(file: file, key: path(context.codingPath + [key]), message: "is required")
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return ExecutorProfileError(file: file, key: path(context.codingPath), message: "must be \(type)")
        case .dataCorrupted(let context):
            return ExecutorProfileError(file: file, key: path(context.codingPath), message: context.debugDescription)
        @unknown default:
            return ExecutorProfileError(file: file, message: "\(error)")
        }
    }
}
