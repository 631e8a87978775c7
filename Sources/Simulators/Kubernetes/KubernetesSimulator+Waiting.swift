extension KubernetesSimulator {
    /// Suspends until `condition` holds. It is checked now and after every change of the
    /// store or of the recorded requests; nothing polls. Throws ``KubernetesSimulatorError/timedOut(_:)``.
    public func wait(
        for description: String = "a condition",
        timeout: Duration = .seconds(30),
        until condition: @Sendable (KubernetesSimulator) -> Bool
    ) async throws(KubernetesSimulatorError) {
        let deadline = ContinuousClock.now + timeout
        while true {
            let generation = cluster.changes.generation
            if condition(self) { return }
            if ContinuousClock.now >= deadline { throw .timedOut(description) }
            if Task.isCancelled { throw .timedOut(description + " (cancelled)") }
            _ = await cluster.changes.wait(after: generation, until: deadline)
        }
    }

    /// Waits until the pod exists and satisfies `predicate`; returns it.
    @discardableResult
    public func waitForPod(
        _ name: String,
        namespace: String = "default",
        timeout: Duration = .seconds(30),
        until predicate: @Sendable (SimulatedJSON) -> Bool
    ) async throws(KubernetesSimulatorError) -> SimulatedJSON {
        try await wait(for: "pod \(namespace)/\(name)", timeout: timeout) { simulator in
            simulator.pod(name, namespace: namespace).map(predicate) ?? false
        }
        guard let pod = pod(name, namespace: namespace) else { throw .notFound("pod \(namespace)/\(name)") }
        return pod
    }

    /// Waits until the pod's `status.phase` is `phase`.
    @discardableResult
    public func waitForPodPhase(_ name: String, _ phase: String, namespace: String = "default",
                                timeout: Duration = .seconds(30)) async throws(KubernetesSimulatorError) -> SimulatedJSON {
        try await waitForPod(name, namespace: namespace, timeout: timeout) { $0.value(at: ["status", "phase"])?.stringValue == phase }
    }

    /// Waits until the object is gone.
    public func waitForDeletion(_ resource: String, name: String, namespace: String = "default",
                                timeout: Duration = .seconds(30)) async throws(KubernetesSimulatorError) {
        try await wait(for: "\(resource) \(namespace)/\(name) to be deleted", timeout: timeout) { simulator in
            simulator.object(resource, name: name, namespace: namespace) == nil
        }
    }
}
