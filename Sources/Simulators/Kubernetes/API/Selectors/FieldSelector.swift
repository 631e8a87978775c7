import Foundation

/// A parsed field selector (`metadata.name=x,status.phase!=Running`). Only the labels a
/// resource supports are accepted (`field label not supported: …` otherwise).
struct FieldSelector: Sendable, Hashable {
    /// One term.
    struct Term: Sendable, Hashable {
        var label: String
        var value: String
        var negated: Bool
    }

    /// The terms, all of which must hold.
    var terms: [Term]

    static let everything = FieldSelector(terms: [])

    init(terms: [Term]) {
        self.terms = terms
    }

    /// Parses selector text for `resource`; throws 400 BadRequest when malformed or unsupported.
    init(parsing text: String, for resource: ResourceType) throws(KubernetesAPIError) {
        var terms: [Term] = []
        for piece in Self.split(text, on: ",") where !piece.withoutSurroundingWhitespace.isEmpty {
            let term = piece.withoutSurroundingWhitespace
            let label: String
            let value: String
            let negated: Bool
            if let range = Self.operatorRange(of: "!=", in: term) {
                label = String(term[..<range.lowerBound])
                value = String(term[range.upperBound...])
                negated = true
            } else if let range = Self.operatorRange(of: "==", in: term) ?? Self.operatorRange(of: "=", in: term) {
                label = String(term[..<range.lowerBound])
                value = String(term[range.upperBound...])
                negated = false
            } else {
                throw .badRequest("invalid field selector: '\(term)': does not contain one of the supported operators: ==, =, !=")
            }
            let trimmedLabel = label.withoutSurroundingWhitespace
            guard resource.fieldLabels.contains(trimmedLabel) else {
                throw .badRequest("field label not supported: \(trimmedLabel)")
            }
            terms.append(Term(label: trimmedLabel, value: Self.unescape(value), negated: negated))
        }
        self.terms = terms
    }

    /// Whether `object` satisfies every term.
    func matches(_ object: SimulatedJSON, resource: ResourceType) -> Bool {
        terms.allSatisfy { term in
            (resource.fieldValue(term.label, of: object) == term.value) != term.negated
        }
    }

    /// The value required for `metadata.name`, if the selector pins it.
    var pinnedName: String? {
        terms.first { $0.label == "metadata.name" && !$0.negated }?.value
    }

    private static func split(_ text: String, on separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                current.append("\\")
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == separator {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        parts.append(current)
        return parts
    }

    private static func operatorRange(of op: String, in term: String) -> Range<String.Index>? {
        var searchStart = term.startIndex
        while let range = term.range(of: op, range: searchStart..<term.endIndex) {
            if range.lowerBound == term.startIndex || term[term.index(before: range.lowerBound)] != "\\" { return range }
            searchStart = range.upperBound
        }
        return nil
    }

    private static func unescape(_ value: String) -> String {
        var result = ""
        var escaped = false
        for character in value {
            if escaped {
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
