/// A scripted misbehaviour, armed with ``GitLabSimulator/arm(_:endpoint:job:count:)``.
///
/// Armed faults are kept in arming order; a request takes the first armed fault whose endpoint
/// (or `.any`) and job id (when given) match and that applies to it.
public enum SimulatedFault: Sendable, Hashable {
    /// Answer with this status, headers and body instead of processing the request
    /// (e.g. 500, 502, or 429 with `Retry-After: 1`).
    case status(Int, headers: SimulatorHTTPHeaders = [:], body: String = "")
    /// Reset the connection without answering; the request is not processed.
    case reset
    /// Process the request (e.g. append the trace, apply the update, assign the job), then reset
    /// the connection without answering.
    case lostResponse
    /// Trace only, and only when the patch's start matches: first drop the last `truncateBy`
    /// bytes of the stored trace (a server that rewound), then answer 416 with the new
    /// `Range: 0-<length>` so the client must resend from there.
    case rangeMismatch(truncateBy: Int)
    /// Update only, and only on a final update (`success`/`failed`) that would be applied:
    /// answer 202 with `X-GitLab-Trace-Update-Interval: <interval>` and do not apply, `times`
    /// times (multiplied by the arming `count`).
    case finalUpdateAccepted(times: Int, interval: Int)
    /// Wait this long, then process the request normally.
    case delay(Duration)

    /// Whether the fault is taken before the request is processed (as opposed to
    /// ``rangeMismatch(truncateBy:)`` and ``finalUpdateAccepted(times:interval:)``, which are
    /// consumed by the endpoint logic when they apply).
    var appliesBeforeProcessing: Bool {
        switch self {
        case .status, .reset, .lostResponse, .delay: true
        case .rangeMismatch, .finalUpdateAccepted: false
        }
    }
}
