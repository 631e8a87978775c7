import Foundation

/// A JSON value, as the simulators store payloads, runner `info` objects and request bodies.
///
/// Integers are kept apart from fractional numbers so job ids and sizes survive round trips.
public enum SimulatedJSON: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `null`.
    case null
    /// `true` / `false`.
    case bool(Bool)
    /// A number without fraction or exponent that fits `Int64`.
    case int(Int64)
    /// Any other number.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([SimulatedJSON])
    /// An object (key order is not kept; encoding sorts keys).
    case object([String: SimulatedJSON])

    // MARK: Parsing and encoding

    /// Parses UTF-8 JSON text.
    public init(parsing bytes: some Collection<UInt8>) throws(SimulatorError) {
        do {
            self = try JSONDecoder().decode(SimulatedJSON.self, from: Data(bytes))
        } catch {
            throw .invalidPayload("not JSON: \(error)")
        }
    }

    /// Converts a Foundation JSON object (`[String: Any]`, `[Any]`, `String`, numbers, `Bool`,
    /// `NSNull`) as accepted by `JSONSerialization`.
    public init(foundationObject: Any) throws(SimulatorError) {
        do {
            let data = try JSONSerialization.data(withJSONObject: foundationObject, options: [.fragmentsAllowed])
            self = try SimulatedJSON(parsing: data)
        } catch let error as SimulatorError {
            throw error
        } catch {
            throw .invalidPayload("not a JSON object: \(error)")
        }
    }

    /// Compact JSON text with sorted keys.
    public var encoded: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a SimulatedJSON cannot fail: every case maps onto JSON.
        return Array((try? encoder.encode(self)) ?? Data("null".utf8))
    }

    /// ``encoded`` as a `String`.
    public var description: String {
        String(decoding: encoded, as: UTF8.self)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([SimulatedJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: SimulatedJSON].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    // MARK: Access

    /// The member `key` of an object; `nil` for other values or a missing key.
    public subscript(key: String) -> SimulatedJSON? {
        get {
            if case .object(let members) = self { return members[key] }
            return nil
        }
        set {
            guard case .object(var members) = self else { return }
            members[key] = newValue
            self = .object(members)
        }
    }

    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, if this is an integer (or a fractional number with no fraction).
    public var intValue: Int64? {
        switch self {
        case .int(let value): return value
        case .double(let value) where value.rounded() == value && abs(value) < 9e15: return Int64(value)
        default: return nil
        }
    }

    /// The number as a `Double`, if this is a number.
    public var doubleValue: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }

    /// The boolean, if this is a boolean.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [SimulatedJSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The members, if this is an object.
    public var objectValue: [String: SimulatedJSON]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension SimulatedJSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: SimulatedJSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, SimulatedJSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }
}
