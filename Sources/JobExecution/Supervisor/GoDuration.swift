import Foundation

/// Parses the Go duration strings gitlab-runner variables use (`5m`, `1h30m`, `90s`, `300`).
enum GoDuration {
    /// Whole seconds of `text`, or `nil` when it is not a duration. A bare number means seconds.
    static func seconds(_ text: String) -> Int? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let plain = Int(text) { return plain }
        var total = 0.0
        var number = ""
        var sawUnit = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isNumber || character == "." {
                number.append(character)
                index = text.index(after: index)
                continue
            }
            guard let value = Double(number) else { return nil }
            var unit = String(character)
            let next = text.index(after: index)
            if character == "m", next < text.endIndex, text[next] == "s" { unit = "ms" }
            switch unit {
            case "h": total += value * 3600
            case "m": total += value * 60
            case "s": total += value
            case "ms": total += value / 1000
            default: return nil
            }
            index = text.index(index, offsetBy: unit.count)
            number = ""
            sawUnit = true
        }
        guard sawUnit, number.isEmpty else { return nil }
        return Int(total.rounded(.up))
    }
}
