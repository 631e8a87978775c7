/// Validates `listen_address` values.
enum ListenAddress {
    /// Whether `address` is `host:port`: a port from 1 to 65535 after the
    /// last `:`, and a host that is empty (all interfaces), a name or IPv4
    /// address without `:`, or a bracketed IPv6 address like `[::1]`.
    static func isValid(_ address: String) -> Bool {
        guard let colon = address.lastIndex(of: ":") else { return false }
        let host = address[..<colon]
        let port = address[address.index(after: colon)...]
        guard !port.isEmpty, port.allSatisfy(\.isASCII), port.allSatisfy(\.isNumber),
              let number = Int(port), (1...65535).contains(number) else {
            return false
        }
        guard !host.contains(where: \.isWhitespace) else { return false }
        if host.hasPrefix("[") {
            return host.hasSuffix("]") && host.count > 2
        }
        return !host.contains(":") && !host.contains("/")
    }
}
