/// What the ``AtticSimulator`` keeps for one path of one cache.
struct AtticStoredObject: Sendable {
    var storePath: String
    var references: [String]
    var deriver: String?
    var ca: String?
    var narHash: [UInt8]
    var narSize: Int
}
