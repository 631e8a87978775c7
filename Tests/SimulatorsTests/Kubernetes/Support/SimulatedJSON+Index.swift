import Simulators

extension SimulatedJSON {
    /// The element at `index` of an array.
    func at(_ index: Int) -> SimulatedJSON? {
        guard let elements = arrayValue, elements.indices.contains(index) else { return nil }
        return elements[index]
    }
}
