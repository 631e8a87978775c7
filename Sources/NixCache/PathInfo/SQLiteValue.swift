/// A parameter bound into a SQLite query.
enum SQLiteValue: Sendable {
    case text(String)
    case integer(Int64)
}
