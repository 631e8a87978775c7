/// `maxSurge` and `maxUnavailable` of a Deployment resolved to pod counts: integers as given,
/// percentages of `replicas` rounded up for the surge and down for unavailability; both zero
/// (which validation refuses) becomes one unavailable pod, as upstream does.
struct RollingUpdateBudget: Equatable {
    var maxSurge: Int
    var maxUnavailable: Int

    init(maxSurge: Int, maxUnavailable: Int) {
        self.maxSurge = maxSurge
        self.maxUnavailable = maxUnavailable
    }

    init(strategy: SimulatedJSON, replicas: Int) {
        let rolling = strategy["rollingUpdate"] ?? [:]
        var surge = Self.resolve(rolling["maxSurge"] ?? "25%", of: replicas, roundUp: true)
        var unavailable = Self.resolve(rolling["maxUnavailable"] ?? "25%", of: replicas, roundUp: false)
        if surge == 0, unavailable == 0 { unavailable = 1 }
        if unavailable > replicas { unavailable = replicas }
        surge = max(0, surge)
        self.init(maxSurge: surge, maxUnavailable: max(0, unavailable))
    }

    /// An int-or-string value (`1`, `"25%"`) as a count of `total`.
    static func resolve(_ value: SimulatedJSON, of total: Int, roundUp: Bool) -> Int {
        if let number = value.intValue { return Int(number) }
        guard let text = value.stringValue, text.hasSuffix("%"), let percent = Int(text.dropLast()) else { return 0 }
        let scaled = percent * total
        return roundUp ? (scaled + 99) / 100 : scaled / 100
    }
}
