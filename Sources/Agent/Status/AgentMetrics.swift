import Prometheus

/// The agent's Prometheus metrics. Labels carry runner names and outcomes only, never a token or secret.
public final class AgentMetrics: Sendable {
    /// The registry `/metrics` renders.
    public let registry: PrometheusCollectorRegistry
    let capacity: Gauge
    let saturation: Gauge
    let draining: Gauge

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), concurrent: Int) {
        self.registry = registry
        capacity = registry.makeGauge(name: "flywheel_capacity", help: "Jobs this agent may run at once (concurrent).")
        saturation = registry.makeGauge(name: "flywheel_saturation", help: "Running jobs divided by capacity; the autoscaling signal.")
        draining = registry.makeGauge(name: "flywheel_draining", help: "1 while the agent drains (takes no new jobs).")
        capacity.set(Double(concurrent))
        saturation.set(0.0)
        draining.set(0.0)
    }

    /// Renders the Prometheus text exposition.
    public func render() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }

    func running(runner: String, count: Int, total: Int, concurrent: Int) {
        registry.makeGauge(name: "flywheel_jobs_running", labels: [("runner", runner)], help: "Jobs running now.").set(Double(count))
        saturation.set(concurrent > 0 ? Double(total) / Double(concurrent) : 0)
    }

    func accepted(runner: String) {
        registry.makeCounter(name: "flywheel_jobs_accepted_total", labels: [("runner", runner)], help: "Jobs received from GitLab and accepted.").increment()
    }

    func finished(runner: String, outcome: String) {
        registry.makeCounter(name: "flywheel_jobs_finished_total", labels: [("runner", runner), ("outcome", outcome)], help: "Jobs ended, by outcome.").increment()
    }

    func requested(runner: String, result: String) {
        registry.makeCounter(name: "flywheel_job_requests_total", labels: [("runner", runner), ("result", result)], help: "Job requests to GitLab, by result.").increment()
    }

    func setDraining(_ value: Bool) {
        draining.set(value ? 1.0 : 0.0)
    }
}
