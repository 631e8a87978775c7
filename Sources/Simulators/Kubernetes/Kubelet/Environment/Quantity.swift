/// Parsing of Kubernetes resource quantities (`512Mi`, `1G`, `100m`, `1e3`).
enum Quantity {
    /// The quantity in base units (bytes for memory), or `nil` when it is not a quantity.
    static func bytes(_ text: String) -> Int64? {
        let suffixes: [(String, Double)] = [
            ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776), ("Pi", 1_125_899_906_842_624),
            ("Ei", 1_152_921_504_606_846_976), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("P", 1e15), ("E", 1e18), ("m", 1e-3),
        ]
        for (suffix, factor) in suffixes where text.hasSuffix(suffix) {
            guard let number = Double(text.dropLast(suffix.count)) else { return nil }
            return Int64((number * factor).rounded(.up))
        }
        guard let number = Double(text) else { return nil }
        return Int64(number.rounded(.up))
    }

    /// Whether `text` is a valid quantity.
    static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, text.first != "+" || text.count > 1 else { return false }
        return bytes(text) != nil && !text.contains(" ")
    }
}
