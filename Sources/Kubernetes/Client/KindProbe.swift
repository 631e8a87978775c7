/// Just the `kind` of an answer, to tell a `Status` from an object (a DELETE answers with either).
struct KindProbe: Decodable {
    var kind: String?
}
