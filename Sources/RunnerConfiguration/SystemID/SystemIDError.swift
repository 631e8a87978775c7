/// Why ``SystemID/loadOrCreate(configPath:)`` could not produce a system id.
public enum SystemIDError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The system id file exists but does not hold a valid id.
    case malformedFile(path: String, contents: String)
    /// The system id file exists but could not be read.
    case unreadableFile(path: String, reason: String)
    /// The system id file could not be created for a reason other than a
    /// read-only directory (e.g. the directory does not exist).
    case cannotCreate(path: String, reason: String)
    /// `FLYWHEEL_SYSTEM_ID` is set to something that is not a valid id.
    case invalidOverride(value: String)

    /// What failed, where, and what to do.
    public var description: String {
        switch self {
        case .malformedFile(let path, let contents):
            let shown = contents.count > 40 ? String(contents.prefix(37)) + "..." : contents
            return "\(path): malformed system id \(TOMLValue.string(shown).tomlLiteral): expected `s_` or `r_` followed by 12 letters or digits (e.g. s_0123456789ab); fix the file or delete it to have a new id created"
        case .unreadableFile(let path, let reason):
            return "\(path): cannot read the system id file: \(reason); check its permissions"
        case .cannotCreate(let path, let reason):
            return "\(path): cannot create the system id file: \(reason); make sure the configuration file's directory exists"
        case .invalidOverride(let value):
            return "\(SystemID.overrideVariable)=\(value): invalid system id: expected `s_` or `r_` followed by 12 letters or digits (e.g. s_0123456789ab); fix or unset the variable"
        }
    }
}
