/// Kubernetes' `$(VAR_NAME)` expansion for `command`, `args` and `env[].value`: a defined
/// variable is replaced, an undefined reference is kept as written, and `$$` is an escaped `$`.
enum EnvironmentExpansion {
    static func expand(_ text: String, _ variables: [String: String]) -> String {
        guard text.contains("$") else { return text }
        let characters = Array(text)
        var result = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard character == "$", index + 1 < characters.count else {
                result.append(character)
                index += 1
                continue
            }
            let next = characters[index + 1]
            if next == "$" {
                result.append("$")
                index += 2
            } else if next == "(", let close = characters[(index + 2)...].firstIndex(of: ")") {
                let name = String(characters[(index + 2)..<close])
                if let value = variables[name] {
                    result += value
                } else {
                    result += "$(" + name + ")"
                }
                index = close + 1
            } else {
                result.append(character)
                index += 1
            }
        }
        return result
    }
}
