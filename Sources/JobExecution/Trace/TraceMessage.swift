/// The runner's own lines in the job log, coloured like gitlab-runner's.
///
/// Every message is one line ending in `\n` and resets the colour at its end.
public enum TraceMessage {
    /// Resets colours and attributes.
    public static let reset = "\u{1b}[0;m"
    /// Bold green, for successes and echoed commands.
    public static let boldGreen = "\u{1b}[32;1m"
    /// Yellow, for warnings.
    public static let yellow = "\u{1b}[0;33m"
    /// Bold red, for errors.
    public static let boldRed = "\u{1b}[31;1m"
    /// Bold cyan, for stage headings.
    public static let boldCyan = "\u{1b}[36;1m"
    /// Clears the rest of the line (GitLab uses it to hide what a `\r` overwrote).
    public static let clearLine = "\u{1b}[0K"

    /// A plain line: `Running with flywheel …`.
    public static func plain(_ text: String) -> String {
        "\(clearLine)\(text)\(reset)\n"
    }

    /// A heading line (bold cyan), used for stage headers when GitLab does not take sections.
    public static func bold(_ text: String) -> String {
        "\(clearLine)\(boldCyan)\(text)\(reset)\n"
    }

    /// A success line in bold green: `Job succeeded`.
    public static func success(_ text: String) -> String {
        "\(clearLine)\(boldGreen)\(text)\(reset)\n"
    }

    /// A warning line in yellow, prefixed `WARNING: `.
    public static func warning(_ text: String) -> String {
        "\(clearLine)\(yellow)WARNING: \(text)\(reset)\n"
    }

    /// An error line in bold red, prefixed `ERROR: `: `ERROR: Job failed: exit code 1`.
    public static func error(_ text: String) -> String {
        "\(clearLine)\(boldRed)ERROR: \(text)\(reset)\n"
    }
}
