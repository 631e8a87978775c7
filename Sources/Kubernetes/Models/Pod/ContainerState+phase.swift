extension ContainerState {
    /// Whether the container has started and may still write output (its log can be followed).
    public var isRunning: Bool { running != nil && terminated == nil }

    /// Whether the container has exited; its log is complete.
    public var isTerminated: Bool { terminated != nil }
}
