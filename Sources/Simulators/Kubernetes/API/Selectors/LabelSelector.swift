/// A parsed label selector (`app=ci,tier!=web,env in (a,b),!debug,gpu`), matched as the API
/// server matches it: `!=` and `notin` also match objects without the key.
struct LabelSelector: Sendable, Hashable {
    /// One requirement of the selector.
    enum Requirement: Sendable, Hashable {
        case equals(String, String)
        case notEquals(String, String)
        case isIn(String, Set<String>)
        case notIn(String, Set<String>)
        case exists(String)
        case doesNotExist(String)
        case greaterThan(String, Int64)
        case lessThan(String, Int64)
    }

    /// The requirements, all of which must hold.
    var requirements: [Requirement]

    /// The selector that matches everything.
    static let everything = LabelSelector(requirements: [])

    init(requirements: [Requirement]) {
        self.requirements = requirements
    }

    /// Parses selector text; throws a 400 BadRequest error when malformed.
    init(parsing text: String) throws(KubernetesAPIError) {
        var parser = Parser(text: text)
        requirements = try parser.parse()
    }

    /// Whether `labels` satisfy every requirement.
    func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .equals(let key, let value): return labels[key] == value
            case .notEquals(let key, let value): return labels[key] != value
            case .isIn(let key, let values): return labels[key].map(values.contains) ?? false
            case .notIn(let key, let values): return !(labels[key].map(values.contains) ?? false)
            case .exists(let key): return labels[key] != nil
            case .doesNotExist(let key): return labels[key] == nil
            case .greaterThan(let key, let bound): return labels[key].flatMap { Int64($0) }.map { $0 > bound } ?? false
            case .lessThan(let key, let bound): return labels[key].flatMap { Int64($0) }.map { $0 < bound } ?? false
            }
        }
    }

    private struct Parser {
        enum Token: Equatable {
            case identifier(String)
            case equals, doubleEquals, notEquals, bang, open, close, comma, greater, less
            case end
        }

        let text: String
        var tokens: [Token] = []
        var position = 0

        init(text: String) {
            self.text = text
        }

        func failure(_ detail: String) -> KubernetesAPIError {
            .badRequest("unable to parse requirement: \(detail)")
        }

        mutating func lex() {
            let characters = Array(text)
            var index = 0
            while index < characters.count {
                let character = characters[index]
                if character.isWhitespace {
                    index += 1
                    continue
                }
                switch character {
                case "=":
                    if index + 1 < characters.count, characters[index + 1] == "=" {
                        tokens.append(.doubleEquals)
                        index += 2
                    } else {
                        tokens.append(.equals)
                        index += 1
                    }
                case "!":
                    if index + 1 < characters.count, characters[index + 1] == "=" {
                        tokens.append(.notEquals)
                        index += 2
                    } else {
                        tokens.append(.bang)
                        index += 1
                    }
                case "(": tokens.append(.open); index += 1
                case ")": tokens.append(.close); index += 1
                case ",": tokens.append(.comma); index += 1
                case ">": tokens.append(.greater); index += 1
                case "<": tokens.append(.less); index += 1
                default:
                    var word = ""
                    while index < characters.count, !characters[index].isWhitespace, !"=!(),<>".contains(characters[index]) {
                        word.append(characters[index])
                        index += 1
                    }
                    tokens.append(.identifier(word))
                }
            }
            tokens.append(.end)
        }

        mutating func next() -> Token {
            defer { position += 1 }
            return tokens[min(position, tokens.count - 1)]
        }

        func peek() -> Token { tokens[min(position, tokens.count - 1)] }

        mutating func parse() throws(KubernetesAPIError) -> [Requirement] {
            lex()
            var requirements: [Requirement] = []
            if peek() == .end { return [] }
            while true {
                requirements.append(try requirement())
                switch next() {
                case .end: return requirements
                case .comma: continue
                default: throw failure("found '\(describe(tokens[position - 1]))', expected: ',' or 'end of string'")
                }
            }
        }

        func describe(_ token: Token) -> String {
            switch token {
            case .identifier(let word): word
            case .equals: "="
            case .doubleEquals: "=="
            case .notEquals: "!="
            case .bang: "!"
            case .open: "("
            case .close: ")"
            case .comma: ","
            case .greater: ">"
            case .less: "<"
            case .end: "end of string"
            }
        }

        mutating func requirement() throws(KubernetesAPIError) -> Requirement {
            var negated = false
            if peek() == .bang {
                negated = true
                _ = next()
            }
            guard case .identifier(let key) = next() else {
                throw failure("found '\(describe(tokens[position - 1]))', expected: identifier")
            }
            try validateKey(key)
            if negated { return .doesNotExist(key) }
            switch peek() {
            case .end, .comma:
                return .exists(key)
            case .equals, .doubleEquals:
                _ = next()
                return .equals(key, try value())
            case .notEquals:
                _ = next()
                return .notEquals(key, try value())
            case .greater, .less:
                let op = next()
                let bound = try value()
                guard let number = Int64(bound) else {
                    throw failure("for 'Gt', 'Lt' operators, the value must be an integer")
                }
                return op == .greater ? .greaterThan(key, number) : .lessThan(key, number)
            case .identifier("in"), .identifier("notin"):
                let op = next()
                guard next() == .open else { throw failure("found '\(describe(tokens[position - 1]))', expected: '('") }
                var values: Set<String> = []
                if peek() == .close {
                    _ = next()
                } else {
                    while true {
                        values.insert(try value())
                        let separator = next()
                        if separator == .close { break }
                        guard separator == .comma else {
                            throw failure("found '\(describe(separator))', expected: ',', or ')'")
                        }
                    }
                }
                if values.isEmpty { throw failure("for 'in', 'notin' operators, values set can't be empty") }
                return op == .identifier("in") ? .isIn(key, values) : .notIn(key, values)
            default:
                throw failure("found '\(describe(peek()))', expected: in, notin, =, ==, !=, gt, lt")
            }
        }

        mutating func value() throws(KubernetesAPIError) -> String {
            switch peek() {
            case .identifier(let word):
                _ = next()
                guard LabelRules.isValidValue(word) else {
                    throw failure("invalid label value: \"\(word)\": \(LabelRules.valueRule)")
                }
                return word
            case .comma, .close, .end:
                return ""
            default:
                throw failure("found '\(describe(peek()))', expected: identifier")
            }
        }

        func validateKey(_ key: String) throws(KubernetesAPIError) {
            if let problem = LabelRules.keyProblem(key) {
                throw failure("invalid label key \"\(key)\": \(problem)")
            }
        }
    }
}
