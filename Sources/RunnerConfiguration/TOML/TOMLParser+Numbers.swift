extension TOMLParser {
    private static func isNumberTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "+", "-", ".", ":": true
        default: false
        }
    }

    /// Parses an integer, float, `inf`/`nan` or datetime.
    mutating func parseNumberOrDatetime() throws(TOMLParseError) -> TOMLValue {
        let start = Position(line: line, column: column)
        var token = readNumberToken()
        // A date followed by a space and a time: `1979-05-27 07:32:00`.
        if Self.isFullDate(token), peek() == " ",
           let first = peek(1), let second = peek(2), peek(3) == ":",
           Self.isDigit(first), Self.isDigit(second) {
            advance()
            token += " " + readNumberToken()
        }
        if Self.looksLikeDatetime(token) {
            guard Self.isValidDatetime(token) else {
                throw error("invalid datetime `\(token)`: expected RFC 3339 like 1979-05-27T07:32:00Z, 1979-05-27 or 07:32:00", at: start)
            }
            return .string(token)
        }
        if let special = Self.specialFloat(token) {
            return .float(special)
        }
        let lowered = token.lowercased()
        let isPrefixed = lowered.hasPrefix("0x") || lowered.hasPrefix("0o") || lowered.hasPrefix("0b")
        if !isPrefixed, token.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            return .float(try parseFloat(token, at: start))
        }
        return .integer(try parseInteger(token, at: start))
    }

    private mutating func readNumberToken() -> String {
        var token = String.UnicodeScalarView()
        while let scalar = peek(), Self.isNumberTokenScalar(scalar) {
            token.append(scalar)
            advance()
        }
        return String(token)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    private static func specialFloat(_ token: String) -> Double? {
        switch token {
        case "inf", "+inf": .infinity
        case "-inf": -.infinity
        case "nan", "+nan", "-nan": .nan
        default: nil
        }
    }

    // MARK: - Integers

    private func parseInteger(_ token: String, at start: Position) throws(TOMLParseError) -> Int64 {
        var body = Substring(token)
        let radix: Int
        switch body.prefix(2) {
        case "0x": radix = 16
        case "0o": radix = 8
        case "0b": radix = 2
        default: radix = 10
        }
        var negative = false
        if radix == 10 {
            if body.first == "+" || body.first == "-" {
                negative = body.first == "-"
                body = body.dropFirst()
            }
        } else {
            body = body.dropFirst(2)
        }
        let radixName = [16: "hexadecimal", 8: "octal", 2: "binary", 10: "decimal"][radix] ?? ""
        guard !body.isEmpty else {
            throw error("invalid number `\(token)`: expected \(radixName) digits", at: start)
        }
        let digits = try checkedDigits(body, radix: radix, token: token, at: start)
        if radix == 10, digits.count > 1, digits.first == "0" {
            throw error("invalid integer `\(token)`: leading zeros are not allowed (use 0o for octal)", at: start)
        }
        guard let magnitude = UInt64(digits, radix: radix) else {
            throw error("invalid integer `\(token)`: does not fit in 64 bits", at: start)
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else {
                throw error("invalid integer `\(token)`: does not fit in 64 bits", at: start)
            }
            return magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else {
            throw error("invalid integer `\(token)`: does not fit in 64 bits", at: start)
        }
        return Int64(magnitude)
    }

    /// Checks that `body` holds only digits of `radix` with each `_`
    /// between two digits, and returns it without underscores.
    private func checkedDigits(_ body: Substring, radix: Int, token: String, at start: Position) throws(TOMLParseError) -> String {
        var digits = ""
        var previousWasDigit = false
        for character in body {
            if character == "_" {
                guard previousWasDigit else {
                    throw error("invalid number `\(token)`: each `_` must be between two digits", at: start)
                }
                previousWasDigit = false
                continue
            }
            guard character.isASCII, Int(String(character), radix: radix) != nil else {
                if radix == 10 {
                    throw error("invalid number `\(token)`: unexpected `\(character)`; expected digits (strings must be quoted)", at: start)
                }
                throw error("invalid number `\(token)`: `\(character)` is not a base-\(radix) digit", at: start)
            }
            digits.append(character)
            previousWasDigit = true
        }
        guard previousWasDigit else {
            throw error("invalid number `\(token)`: each `_` must be between two digits", at: start)
        }
        return digits
    }

    // MARK: - Floats

    private func parseFloat(_ token: String, at start: Position) throws(TOMLParseError) -> Double {
        var body = Substring(token)
        var sign = ""
        if body.first == "+" || body.first == "-" {
            sign = body.first == "-" ? "-" : ""
            body = body.dropFirst()
        }
        let exponentIndex = body.firstIndex { $0 == "e" || $0 == "E" }
        let mantissa = body[..<(exponentIndex ?? body.endIndex)]
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let integerPart = parts.first, !integerPart.isEmpty else {
            throw error("invalid float `\(token)`: expected digits before `.`, e.g. 0.5", at: start)
        }
        let integerDigits = try checkedDigits(integerPart, radix: 10, token: token, at: start)
        if integerDigits.count > 1, integerDigits.first == "0" {
            throw error("invalid float `\(token)`: leading zeros are not allowed", at: start)
        }
        var normalized = sign + integerDigits
        if parts.count == 2 {
            guard !parts[1].isEmpty else {
                throw error("invalid float `\(token)`: expected digits after `.`, e.g. 1.0", at: start)
            }
            normalized += "." + (try checkedDigits(parts[1], radix: 10, token: token, at: start))
        }
        if let exponentIndex {
            var exponent = body[body.index(after: exponentIndex)...]
            var exponentSign = ""
            if exponent.first == "+" || exponent.first == "-" {
                exponentSign = String(exponent.first!)
                exponent = exponent.dropFirst()
            }
            guard !exponent.isEmpty else {
                throw error("invalid float `\(token)`: expected digits after the exponent `e`", at: start)
            }
            normalized += "e" + exponentSign + (try checkedDigits(exponent, radix: 10, token: token, at: start))
        }
        guard let value = Double(normalized) else {
            throw error("invalid float `\(token)`", at: start)
        }
        return value
    }

    // MARK: - Datetimes

    private static func looksLikeDatetime(_ token: String) -> Bool {
        let scalars = Array(token.unicodeScalars)
        if scalars.count >= 5, scalars[0..<4].allSatisfy(isDigit), scalars[4] == "-" { return true }
        if scalars.count >= 3, scalars[0..<2].allSatisfy(isDigit), scalars[2] == ":" { return true }
        return false
    }

    private static func isFullDate(_ token: String) -> Bool {
        isValidDate(Array(token.unicodeScalars))
    }

    /// Whether `token` is an RFC 3339 offset or local date-time, a local
    /// date, or a local time, as TOML allows.
    private static func isValidDatetime(_ token: String) -> Bool {
        let scalars = Array(token.unicodeScalars)
        if scalars.count > 2, scalars[2] == ":" {
            return isValidTime(scalars[...], allowOffset: false)
        }
        guard scalars.count >= 10, isValidDate(Array(scalars[0..<10])) else { return false }
        if scalars.count == 10 { return true }
        guard ["T", "t", " "].contains(scalars[10]) else { return false }
        return isValidTime(scalars[11...], allowOffset: true)
    }

    private static func number(_ scalars: ArraySlice<Unicode.Scalar>) -> Int? {
        guard !scalars.isEmpty, scalars.allSatisfy(isDigit) else { return nil }
        return Int(String(String.UnicodeScalarView(scalars)))
    }

    private static func isValidDate(_ scalars: [Unicode.Scalar]) -> Bool {
        guard scalars.count == 10, scalars[4] == "-", scalars[7] == "-",
              number(scalars[0..<4]) != nil,
              let month = number(scalars[5..<7]), let day = number(scalars[8..<10]) else {
            return false
        }
        return (1...12).contains(month) && (1...31).contains(day)
    }

    private static func isValidTime(_ scalars: ArraySlice<Unicode.Scalar>, allowOffset: Bool) -> Bool {
        let time = Array(scalars)
        guard time.count >= 8, time[2] == ":", time[5] == ":",
              let hour = number(time[0..<2]), let minute = number(time[3..<5]), let second = number(time[6..<8]),
              hour < 24, minute < 60, second <= 60 else {
            return false
        }
        var rest = time[8...]
        if rest.first == "." {
            rest = rest.dropFirst()
            let fraction = rest.prefix(while: isDigit)
            guard !fraction.isEmpty else { return false }
            rest = rest.dropFirst(fraction.count)
        }
        if rest.isEmpty { return true }
        guard allowOffset else { return false }
        if rest.count == 1, rest.first == "Z" || rest.first == "z" { return true }
        let offset = Array(rest)
        guard offset.count == 6, offset[0] == "+" || offset[0] == "-", offset[3] == ":",
              let offsetHour = number(offset[1..<3]), let offsetMinute = number(offset[4..<6]) else {
            return false
        }
        return offsetHour < 24 && offsetMinute < 60
    }
}
