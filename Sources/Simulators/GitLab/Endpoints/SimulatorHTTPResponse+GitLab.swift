extension SimulatorHTTPResponse {
    /// A GitLab API error body: `{"message": "<message>"}`.
    static func gitLabMessage(_ status: Int, _ message: String, headers: SimulatorHTTPHeaders = [:]) -> SimulatorHTTPResponse {
        .json(status, SimulatedJSON.object(["message": .string(message)]).encoded, headers: headers)
    }

    /// A Grape parameter error body: `{"error": "<message>"}` with status 400.
    static func gitLabParameterError(_ message: String, headers: SimulatorHTTPHeaders = [:]) -> SimulatorHTTPResponse {
        .json(400, SimulatedJSON.object(["error": .string(message)]).encoded, headers: headers)
    }

    /// A JSON body.
    static func gitLabJSON(_ status: Int, _ value: SimulatedJSON, headers: SimulatorHTTPHeaders = [:]) -> SimulatorHTTPResponse {
        .json(status, value.encoded, headers: headers)
    }
}
