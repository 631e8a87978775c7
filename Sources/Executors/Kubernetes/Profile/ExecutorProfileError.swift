/// A profile file that cannot be used, naming the file and the key.
public struct ExecutorProfileError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var key: String?
    public var message: String

    public init(file: String, key: String? = nil, message: String) {
        self.file = file
        self.key = key
        self.message = message
    }

    public var description: String {
        if let key { return "\(file): \(key): \(message)" }
        return "\(file): \(message)"
    }
}
