extension UploadStatistics {
    /// The counters by name, as the hook socket reports them.
    public var dictionary: [String: Int] {
        [
            "queued": pathsQueued, "uploaded": pathsUploaded, "deduplicated": pathsDeduplicated,
            "already_present": pathsAlreadyPresent, "skipped": pathsSkipped, "failed": pathsFailed,
            "nar_bytes": Int(clamping: narBytes), "sent_bytes": Int(clamping: sentBytes), "retries": retries,
            "queue_depth": queueDepth, "in_flight": inFlight, "circuit_open": circuitOpen ? 1 : 0,
            "disabled_targets": disabledTargets,
        ]
    }
}
