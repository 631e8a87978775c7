/// A fault waiting to be applied.
struct ArmedFault {
    var fault: SimulatedFault
    var endpoint: SimulatedEndpoint
    var job: Int64?
    var remaining: Int

    func matches(endpoint requested: SimulatedEndpoint, job requestedJob: Int64?) -> Bool {
        guard endpoint == .any || endpoint == requested else { return false }
        if let job { return job == requestedJob }
        return true
    }
}
