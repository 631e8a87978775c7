import Foundation

/// JSON patch (RFC 6902) for `application/json-patch+json`: `add`, `remove`, `replace`, `move`,
/// `copy` and `test` on JSON pointers (RFC 6901).
enum JSONPatch {
    /// Why a patch could not be applied; the message mirrors the API server's wording.
    struct Failure: Error {
        var message: String
    }

    /// Applies every operation of `patch` (an array) to `document`.
    static func apply(_ patch: SimulatedJSON, to document: SimulatedJSON) throws(Failure) -> SimulatedJSON {
        guard let operations = patch.arrayValue else {
            throw Failure(message: "json: cannot unmarshal object into Go value of type jsonpatch.Patch")
        }
        var result = document
        for operation in operations {
            guard let op = operation["op"]?.stringValue else { throw Failure(message: "Unexpected kind: unknown") }
            guard let path = operation["path"]?.stringValue else { throw Failure(message: "missing path") }
            let pointer = try parse(path)
            switch op {
            case "add":
                guard let value = operation["value"] else { throw Failure(message: "missing value") }
                result = try add(value, at: pointer, in: result)
            case "remove":
                result = try remove(at: pointer, in: result).document
            case "replace":
                guard let value = operation["value"] else { throw Failure(message: "missing value") }
                result = try remove(at: pointer, in: result).document
                result = try add(value, at: pointer, in: result)
            case "move", "copy":
                guard let from = operation["from"]?.stringValue else { throw Failure(message: "missing from") }
                let source = try parse(from)
                guard let value = get(source, in: result) else {
                    throw Failure(message: "\(op) operation does not apply: doc is missing from path: \(from)")
                }
                if op == "move" { result = try remove(at: source, in: result).document }
                result = try add(value, at: pointer, in: result)
            case "test":
                guard let expected = operation["value"] else { throw Failure(message: "missing value") }
                guard get(pointer, in: result) == expected else {
                    throw Failure(message: "testing value \(path) failed: test failed")
                }
            default:
                throw Failure(message: "Unexpected kind: \(op)")
            }
        }
        return result
    }

    private static func parse(_ pointer: String) throws(Failure) -> [String] {
        if pointer.isEmpty { return [] }
        guard pointer.hasPrefix("/") else { throw Failure(message: "invalid JSON pointer \(pointer)") }
        return pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    private static func get(_ pointer: [String], in document: SimulatedJSON) -> SimulatedJSON? {
        var current = document
        for token in pointer {
            switch current {
            case .object(let members):
                guard let next = members[token] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Int(token), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    private static func add(_ value: SimulatedJSON, at pointer: [String], in document: SimulatedJSON) throws(Failure) -> SimulatedJSON {
        guard let token = pointer.first else { return value }
        let rest = Array(pointer.dropFirst())
        switch document {
        case .object(var members):
            if rest.isEmpty {
                members[token] = value
            } else {
                guard let child = members[token] else {
                    throw Failure(message: "add operation does not apply: doc is missing path: /\(pointer.joined(separator: "/"))")
                }
                members[token] = try add(value, at: rest, in: child)
            }
            return .object(members)
        case .array(var elements):
            if rest.isEmpty {
                if token == "-" {
                    elements.append(value)
                } else {
                    guard let index = Int(token), index >= 0, index <= elements.count else {
                        throw Failure(message: "add operation does not apply: index out of bounds")
                    }
                    elements.insert(value, at: index)
                }
            } else {
                guard let index = Int(token), elements.indices.contains(index) else {
                    throw Failure(message: "add operation does not apply: index out of bounds")
                }
                elements[index] = try add(value, at: rest, in: elements[index])
            }
            return .array(elements)
        default:
            throw Failure(message: "add operation does not apply: doc is missing path")
        }
    }

    private static func remove(at pointer: [String], in document: SimulatedJSON) throws(Failure) -> (document: SimulatedJSON, removed: SimulatedJSON) {
        guard let token = pointer.first else { throw Failure(message: "cannot remove the whole document") }
        let rest = Array(pointer.dropFirst())
        let missing = Failure(message: "remove operation does not apply: doc is missing path: \"/\(pointer.joined(separator: "/"))\"")
        switch document {
        case .object(var members):
            guard let child = members[token] else { throw missing }
            if rest.isEmpty {
                members[token] = nil
                return (.object(members), child)
            }
            let (updated, removed) = try remove(at: rest, in: child)
            members[token] = updated
            return (.object(members), removed)
        case .array(var elements):
            guard let index = Int(token), elements.indices.contains(index) else { throw missing }
            if rest.isEmpty {
                let removed = elements.remove(at: index)
                return (.array(elements), removed)
            }
            let (updated, removed) = try remove(at: rest, in: elements[index])
            elements[index] = updated
            return (.array(elements), removed)
        default:
            throw missing
        }
    }
}
