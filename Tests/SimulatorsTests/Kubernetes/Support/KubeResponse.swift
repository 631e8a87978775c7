import NIOHTTP1
import Simulators

/// A fully read answer of the Kubernetes simulator.
struct KubeResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]

    /// The body parsed as JSON (`.null` when it is not JSON).
    var json: SimulatedJSON {
        (try? SimulatedJSON(parsing: body)) ?? .null
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    /// `Status.reason` of an error answer.
    var reason: String? { json["reason"]?.stringValue }

    /// `Status.message` of an error answer.
    var message: String? { json["message"]?.stringValue }
}
