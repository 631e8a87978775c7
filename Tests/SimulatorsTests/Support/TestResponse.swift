import NIOHTTP1
import Simulators

/// A fully read HTTP response.
struct TestResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]

    /// The first value of a header (case-insensitive).
    func header(_ name: String) -> String? {
        headers.first(name: name)
    }

    /// The body parsed as JSON.
    var json: SimulatedJSON? {
        try? SimulatedJSON(parsing: body)
    }

    var text: String {
        String(decoding: body, as: UTF8.self)
    }
}
