/// Query parameters of a create (`POST`).
public struct CreateOptions: Sendable, Hashable {
    /// Recorded in `managedFields`; `flywheel` by default.
    public var fieldManager: String?
    /// `Strict` rejects unknown or duplicate fields with 400 instead of dropping them.
    public var fieldValidation: String?
    /// Validate and default on the server without storing (`dryRun=All`).
    public var dryRun: Bool

    public init(fieldManager: String? = "flywheel", fieldValidation: String? = "Strict", dryRun: Bool = false) {
        self.fieldManager = fieldManager
        self.fieldValidation = fieldValidation
        self.dryRun = dryRun
    }

    var queryItems: [(String, String?)] {
        [("fieldManager", fieldManager), ("fieldValidation", fieldValidation), ("dryRun", dryRun ? "All" : nil)]
    }
}
