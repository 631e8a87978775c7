/// What a suspended wait resumes with.
enum WaitOutcome: Sendable {
    /// The job reached what was waited for.
    case job(SimulatedJobSnapshot)
    /// The awaited change happened (queue changed, enough long polls, …).
    case signalled
}
