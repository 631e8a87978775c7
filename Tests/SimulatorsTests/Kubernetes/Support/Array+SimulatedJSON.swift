import Simulators
extension Array where Element == SimulatedJSON {
    /// The element at `index`, if any.
    func at(_ index: Int) -> SimulatedJSON? {
        indices.contains(index) ? self[index] : nil
    }
}
