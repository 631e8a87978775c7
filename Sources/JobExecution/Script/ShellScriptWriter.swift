/// Accumulates the lines of a POSIX shell script (runs under bash, dash and busybox sh).
struct ShellScriptWriter {
    private(set) var text = ""

    /// Appends one line of shell code.
    mutating func line(_ code: String) {
        text += code
        text += "\n"
    }

    /// Prints `message` in bold green (gitlab-runner's notices).
    mutating func notice(_ message: String) {
        line("printf '\\033[32;1m%s\\033[0;m\\n' \(ShellQuote.single(message))")
    }

    /// Prints `message` in yellow, prefixed `WARNING: `.
    mutating func warning(_ message: String) {
        line("printf '\\033[0;33mWARNING: %s\\033[0;m\\n' \(ShellQuote.single(message))")
    }

    /// Prints `message` in bold red, prefixed `ERROR: `.
    mutating func error(_ message: String) {
        line("printf '\\033[31;1mERROR: %s\\033[0;m\\n' \(ShellQuote.single(message))")
    }

    /// Prints `message` plainly.
    mutating func message(_ message: String) {
        line("printf '%s\\n' \(ShellQuote.single(message))")
    }

    /// `export KEY='value'`.
    mutating func export(_ key: String, _ value: String) {
        line("export \(key)=\(ShellQuote.single(value))")
    }

    /// Echoes a user command in bold green as `$ <command>` and runs it with `eval`, so that a syntax
    /// error in it fails the stage (errexit) rather than the whole script file.
    ///
    /// Multi-line commands are echoed as their first line plus `# collapsed multi-line command`.
    /// Commands of only white space are skipped.
    mutating func userCommand(_ command: String) {
        let trimmed = command.trimmingWhitespace()
        guard !trimmed.isEmpty else { return }
        let lines = trimmed.split(maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        let shown = lines.count > 1 ? lines[0].trimmingTrailingWhitespace() + " # collapsed multi-line command" : trimmed
        line("printf '\\033[32;1m$ %s\\033[0;m\\n' \(ShellQuote.single(shown))")
        line("eval \(ShellQuote.single(command))")
    }
}
