/// Quoting for POSIX shells (bash, dash, busybox sh).
enum ShellQuote {
    /// `text` as one single-quoted word: every byte literal, `'` written as `'\''`.
    ///
    /// NUL characters, which no shell can hold in a word, are dropped.
    static func single(_ text: String) -> String {
        var result = "'"
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "'": result += "'\\''"
            case "\u{0}": continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        result += "'"
        return result
    }

    /// Whether `name` can be a shell variable name: `[A-Za-z_][A-Za-z0-9_]*`.
    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                true
            default:
                false
            }
        }
    }
}
