extension PodStatus {
    /// The status of the container or init container called `name`.
    public func containerStatus(named name: String) -> ContainerStatus? {
        containerStatuses?.first { $0.name == name } ?? initContainerStatuses?.first { $0.name == name }
    }

    /// The condition of `type` (e.g. `PodScheduled`, `Ready`, `DisruptionTarget`).
    public func condition(_ type: String) -> PodCondition? {
        conditions?.first { $0.type == type }
    }
}
