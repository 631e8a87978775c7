/// Holds an async iterator in a reference so an escaping closure can advance it (the type-erased sequences of this
/// module are built from such closures). Owned by one consumer; not `Sendable`.
final class AsyncIteratorBox<Base: AsyncIteratorProtocol> {
    private var base: Base

    init(_ base: Base) {
        self.base = base
    }

    func next() async throws -> Base.Element? {
        try await base.next()
    }
}
