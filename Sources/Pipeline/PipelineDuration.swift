import Foundation

/// GitLab's human durations for `timeout:` (`3600`, `1h 30m`, `90 minutes`, `2 hours 5 min`, `1d`).
enum PipelineDuration {
    static func seconds(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let plain = Int(trimmed) { return plain }
        var total = 0
        var number: Int?
        var unit = ""
        var sawPart = false
        func flush() -> Bool {
            guard !unit.isEmpty else { return true }
            guard let value = number, let scale = scale(unit.lowercased()) else { return false }
            total += value * scale
            number = nil
            unit = ""
            sawPart = true
            return true
        }
        for character in trimmed + " " {
            if character.isNumber {
                if !unit.isEmpty { guard flush() else { return nil } }
                number = (number ?? 0) * 10 + Int(String(character))!
            } else if character.isLetter {
                guard number != nil else { return nil }
                unit.append(character)
            } else if character == " " || character == "," {
                if !unit.isEmpty { guard flush() else { return nil } }
            } else {
                return nil
            }
        }
        guard number == nil, sawPart else { return nil }
        return total
    }

    private static func scale(_ unit: String) -> Int? {
        switch unit {
        case "s", "sec", "secs", "second", "seconds": 1
        case "m", "min", "mins", "minute", "minutes": 60
        case "h", "hr", "hrs", "hour", "hours": 3600
        case "d", "day", "days": 86400
        case "w", "week", "weeks": 604_800
        default: nil
        }
    }
}
