extension TOMLTable: ExpressibleByDictionaryLiteral {
    /// Creates a table from key/value pairs in order, with unknown lines.
    /// A key repeated in the literal keeps the last value.
    public init(dictionaryLiteral elements: (String, TOMLValue)...) {
        self.init(line: 0)
        for (key, value) in elements {
            setValue(value, forKey: key)
        }
    }
}
