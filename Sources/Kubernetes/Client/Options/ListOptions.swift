/// Query parameters of a list.
public struct ListOptions: Sendable, Hashable {
    /// e.g. `app.kubernetes.io/managed-by=flywheel,flywheel.dev/job-id in (1,2)`.
    public var labelSelector: String?
    /// e.g. `metadata.name=job-1` or `status.phase=Running`.
    public var fieldSelector: String?
    /// Page size; continue with ``ObjectList/metadata`` `continue`.
    public var limit: Int?
    /// The `continue` token of the previous page.
    public var continueToken: String?
    /// `0` allows an answer from the watch cache; `nil` asks for a consistent read.
    public var resourceVersion: String?
    /// `NotOlderThan` or `Exact`, with ``resourceVersion``.
    public var resourceVersionMatch: String?

    public init(labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil, continueToken: String? = nil, resourceVersion: String? = nil, resourceVersionMatch: String? = nil) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
        self.resourceVersionMatch = resourceVersionMatch
    }

    var queryItems: [(String, String?)] {
        [
            ("labelSelector", labelSelector), ("fieldSelector", fieldSelector), ("limit", limit.map(String.init)),
            ("continue", continueToken), ("resourceVersion", resourceVersion), ("resourceVersionMatch", resourceVersionMatch),
        ]
    }
}
