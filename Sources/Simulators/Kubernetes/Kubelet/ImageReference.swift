/// Checks of image references, as the kubelet applies before pulling.
enum ImageReference {
    /// Whether `reference` parses as a Docker image reference (lowercase repository path,
    /// optional registry host, tag and digest).
    static func isValid(_ reference: String) -> Bool {
        guard !reference.isEmpty, !reference.contains(where: \.isWhitespace) else { return false }
        var name = Substring(reference)
        if let at = name.firstIndex(of: "@") {
            let digest = name[name.index(after: at)...]
            guard digest.contains(":") else { return false }
            name = name[..<at]
        }
        var components = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !components.isEmpty, !components.contains(where: \.isEmpty) else { return false }
        if let last = components.last, let colon = last.lastIndex(of: ":") {
            let tag = last[last.index(after: colon)...]
            guard !tag.isEmpty, tag.count <= 128, tag.allSatisfy({ $0.isLetter || $0.isNumber || "_.-".contains($0) }) else { return false }
            components[components.count - 1] = last[..<colon]
        }
        if components.count > 1, let first = components.first, first.contains(".") || first.contains(":") || first == "localhost" {
            components.removeFirst()
        }
        return components.allSatisfy { component in
            guard let first = component.first, let last = component.last,
                  first.isLowercase || first.isNumber, last.isLowercase || last.isNumber
            else { return false }
            return component.allSatisfy { ($0.isLowercase && $0.isASCII) || ($0.isNumber && $0.isASCII) || "._-".contains($0) }
        }
    }

    /// `docker.io/library/alpine@sha256:…` style image id for a reference.
    static func imageID(for reference: String) -> String {
        var repository = reference
        if let at = repository.firstIndex(of: "@") { repository = String(repository[..<at]) }
        if let slash = repository.lastIndex(of: "/"), let colon = repository.lastIndex(of: ":"), colon > slash {
            repository = String(repository[..<colon])
        } else if !repository.contains("/"), let colon = repository.lastIndex(of: ":") {
            repository = String(repository[..<colon])
        }
        if !repository.contains("/") { repository = "library/" + repository }
        if let first = repository.split(separator: "/").first, !(first.contains(".") || first.contains(":") || first == "localhost") {
            repository = "docker.io/" + repository
        }
        return "\(repository)@sha256:\(FakeDigest.hex(of: reference))"
    }
}
