/// Read-only access to a local Nix store's database (`/nix/var/nix/db/db.sqlite`): path
/// info, closures, derivation outputs and the stream of newly registered paths.
///
/// Why the database and not `nix path-info --json`: one query gives NarHash, NarSize,
/// references, deriver, signatures and CA for any number of paths without a process per
/// path; the JSON output changed shape three times between Nix 2.18 and 2.33 and prints
/// SRI hashes; and new paths can be polled cheaply (`id > last`). The schema
/// (`ValidPaths`, `Refs`, `DerivationOutputs`) has been stable since Nix 2.0 (schema 10).
/// The file is opened read-only through SQLite's URI `mode=ro`, so a running Nix in WAL
/// mode is neither blocked nor disturbed. Under a multi-user daemon the file is readable by
/// root only; ``NixStoreQuery`` is the fallback there.
public final class NixDatabase: Sendable {
    /// The store this database describes.
    public let store: NixStore
    private let connection: SQLiteConnection

    /// Opens the database of `store` read-only.
    ///
    /// - Throws: ``PathInfoError/cannotOpenDatabase(path:reason:)``.
    public init(store: NixStore = .system) throws(PathInfoError) {
        self.store = store
        self.connection = try SQLiteConnection(readOnly: store.databasePath)
    }

    /// Info of `path`, or `nil` when it is not valid.
    ///
    /// - Throws: ``PathInfoError`` when the query fails or a row is unreadable.
    public func info(_ path: StorePath) throws(PathInfoError) -> StorePathInfo? {
        let rows = try connection.query(
            "SELECT id, hash, narSize, deriver, sigs, ca, ultimate FROM ValidPaths WHERE path = ?", [.text(path.path)])
        guard let row = rows.first, let id = row.integers[0] else { return nil }
        let hashText = row.texts[1] ?? ""
        let narHash: NixHash
        do {
            narHash = try NixHash(parsing: hashText)
        } catch {
            throw .corruptRow(path: path.path, field: "hash", value: hashText)
        }
        guard let size = row.integers[2], size > 0 else {
            throw .corruptRow(path: path.path, field: "narSize", value: row.texts[2] ?? "NULL")
        }
        let references = try referencePaths(ofID: id, path: path)
        let deriver = row.texts[3].flatMap { $0.isEmpty ? nil : try? StorePath($0, storeDirectory: store.storeDirectory) }
        let signatures = (row.texts[4] ?? "").split(separator: " ").map(String.init)
        let ca = row.texts[5].flatMap { $0.isEmpty ? nil : $0 }
        return StorePathInfo(
            path: path, narHash: narHash, narSize: UInt64(size), references: references, deriver: deriver,
            signatures: signatures, ca: ca, ultimate: (row.integers[6] ?? 0) != 0)
    }

    /// Info of every path in `paths` that is valid, in the given order; invalid ones are
    /// left out.
    ///
    /// - Throws: ``PathInfoError`` when a query fails.
    public func infos(_ paths: [StorePath]) throws(PathInfoError) -> [StorePathInfo] {
        var result: [StorePathInfo] = []
        for path in paths {
            if let info = try info(path) { result.append(info) }
        }
        return result
    }

    /// Whether `path` is registered as valid.
    public func isValid(_ path: StorePath) throws(PathInfoError) -> Bool {
        try !connection.query("SELECT 1 FROM ValidPaths WHERE path = ?", [.text(path.path)]).isEmpty
    }

    /// The closure of `roots` (the roots and everything they reference, transitively),
    /// sorted so that every path comes after the paths it references.
    ///
    /// - Throws: ``PathInfoError/notValid(path:)`` when a root is not valid, or a query
    ///   error.
    public func closure(of roots: [StorePath]) throws(PathInfoError) -> [StorePath] {
        var references: [StorePath: [StorePath]] = [:]
        var stack: [StorePath] = []
        for root in roots where references[root] == nil {
            guard let id = try id(of: root) else { throw .notValid(path: root.path) }
            references[root] = try referencePaths(ofID: id, path: root)
            stack.append(root)
        }
        while let next = stack.popLast() {
            for reference in references[next] ?? [] where references[reference] == nil {
                guard let id = try id(of: reference) else { throw .notValid(path: reference.path) }
                references[reference] = try referencePaths(ofID: id, path: reference)
                stack.append(reference)
            }
        }
        return ClosureOrder.referencesFirst(references)
    }

    /// The valid output paths of the derivation `drv` (what `nix-store -q --outputs`
    /// prints, restricted to outputs that exist).
    public func outputs(ofDerivation drv: StorePath) throws(PathInfoError) -> [StorePath] {
        let rows = try connection.query(
            "SELECT o.path FROM DerivationOutputs o JOIN ValidPaths d ON o.drv = d.id WHERE d.path = ? ORDER BY o.id",
            [.text(drv.path)])
        var outputs: [StorePath] = []
        for text in rows.compactMap({ $0.texts[0] }) {
            guard let path = try? StorePath(text, storeDirectory: store.storeDirectory) else { continue }
            if try isValid(path) { outputs.append(path) }
        }
        return outputs
    }

    /// The highest registration id so far; paths registered later have larger ids.
    public func latestRegistrationID() throws(PathInfoError) -> Int64 {
        try connection.query("SELECT max(id) FROM ValidPaths", []).first?.integers[0] ?? 0
    }

    /// Paths registered after `id`, oldest first, at most `limit` of them, with their ids.
    public func paths(registeredAfter id: Int64, limit: Int = 10_000) throws(PathInfoError) -> [(id: Int64, path: StorePath)] {
        let rows = try connection.query(
            "SELECT id, path FROM ValidPaths WHERE id > ? ORDER BY id LIMIT ?", [.integer(id), .integer(Int64(limit))])
        return rows.compactMap { row in
            guard let id = row.integers[0], let text = row.texts[1],
                  let path = try? StorePath(text, storeDirectory: store.storeDirectory) else { return nil }
            return (id, path)
        }
    }

    private func id(of path: StorePath) throws(PathInfoError) -> Int64? {
        try connection.query("SELECT id FROM ValidPaths WHERE path = ?", [.text(path.path)]).first?.integers[0]
    }

    private func referencePaths(ofID id: Int64, path: StorePath) throws(PathInfoError) -> [StorePath] {
        let rows = try connection.query(
            "SELECT v.path FROM Refs r JOIN ValidPaths v ON r.reference = v.id WHERE r.referrer = ?", [.integer(id)])
        var references: [StorePath] = []
        for row in rows {
            let text = row.texts[0] ?? ""
            guard let reference = try? StorePath(text, storeDirectory: store.storeDirectory) else {
                throw .corruptRow(path: path.path, field: "reference", value: text)
            }
            references.append(reference)
        }
        return references.sorted()
    }
}
