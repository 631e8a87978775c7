/// Where a local Nix store lives: the logical store directory that store paths name
/// (`/nix/store`), and the physical root it is under.
///
/// The system store has root `/`. A chroot store (`nix-store --store /tmp/s …`) keeps
/// `/nix/store/…` paths but stores them under `/tmp/s/nix/store` with its database at
/// `/tmp/s/nix/var/nix/db/db.sqlite`; tests use that to stay out of `/nix`.
public struct NixStore: Sendable, Hashable, CustomStringConvertible {
    /// The logical store directory, `/nix/store`.
    public var storeDirectory: String
    /// The physical root; `/` for the system store.
    public var rootDirectory: String

    /// The system store (`/nix/store`, database in `/nix/var/nix/db`).
    public static let system = NixStore(rootDirectory: "/")

    /// A store whose files are under `rootDirectory` (a chroot store, like Nix's
    /// `--store /tmp/s`); `/` means the system store.
    public init(rootDirectory: String, storeDirectory: String = StorePath.defaultStoreDirectory) {
        var root = rootDirectory
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        self.rootDirectory = root.isEmpty ? "/" : root
        self.storeDirectory = storeDirectory
    }

    private var prefix: String { rootDirectory == "/" ? "" : rootDirectory }

    /// The physical directory holding the store paths.
    public var physicalStoreDirectory: String { prefix + storeDirectory }

    /// The SQLite database Nix registers valid paths in.
    public var databasePath: String { prefix + "/nix/var/nix/db/db.sqlite" }

    /// Where the files of `path` are on disk.
    public func physicalPath(of path: StorePath) -> String { prefix + path.path }

    /// Arguments that point `nix-store` at this store (`--store <root>` unless it is the
    /// system store).
    public var nixStoreArguments: [String] { rootDirectory == "/" ? [] : ["--store", rootDirectory] }

    /// Parses a store path given on a command line or by Nix; accepts a path inside the
    /// physical store directory too.
    ///
    /// - Throws: ``PathInfoError/notAStorePath(_:reason:)``.
    public func storePath(_ text: some StringProtocol) throws(PathInfoError) -> StorePath {
        var value = String(text)
        if prefix != "", value.hasPrefix(physicalStoreDirectory + "/") {
            value = String(value.dropFirst(prefix.count))
        }
        do {
            return try StorePath(value, storeDirectory: storeDirectory)
        } catch {
            throw .notAStorePath(String(text), reason: error.description)
        }
    }

    public var description: String { rootDirectory == "/" ? storeDirectory : "\(storeDirectory) under \(rootDirectory)" }
}
