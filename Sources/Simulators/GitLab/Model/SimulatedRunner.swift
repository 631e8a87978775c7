/// A runner the simulator knows (the configured one, or one registered through `POST /runners`).
public struct SimulatedRunner: Sendable, Hashable {
    /// The runner id.
    public var id: Int64
    /// The runner authentication token.
    public var token: String
    /// Whether it was created by legacy registration with a registration token.
    public var registeredWithRegistrationToken: Bool
    /// Whether `DELETE /api/v4/runners` deleted it.
    public var deleted: Bool
}
