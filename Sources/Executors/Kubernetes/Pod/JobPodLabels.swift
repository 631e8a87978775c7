/// Labels and annotations of flywheel's job pods and secrets (DESIGN §3): the agent reconciles and adopts
/// by them.
public enum JobPodLabels {
    public static let jobID = "flywheel.dev/job-id"
    public static let runner = "flywheel.dev/runner"
    public static let systemID = "flywheel.dev/system-id"
    public static let profile = "flywheel.dev/profile"
    public static let managedBy = "app.kubernetes.io/managed-by"
    public static let managedByValue = "flywheel"

    /// Label selector of every job pod of `runner`.
    public static func selector(runner: String) -> String {
        "\(managedBy)=\(managedByValue),\(self.runner)=\(labelValue(runner))"
    }

    /// `value` made a valid label value: at most 63 of `[A-Za-z0-9._-]`, alphanumeric at both ends.
    public static func labelValue(_ value: String) -> String {
        var cleaned = String(value.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "-" }.prefix(63))
        while let first = cleaned.first, !(first.isLetter || first.isNumber) { cleaned.removeFirst() }
        while let last = cleaned.last, !(last.isLetter || last.isNumber) { cleaned.removeLast() }
        return cleaned
    }
}
