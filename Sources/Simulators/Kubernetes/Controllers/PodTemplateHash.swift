/// The `pod-template-hash` label value of a pod template: the 32-bit FNV-1a hash of the template's
/// JSON (sorted keys), its decimal digits spelled in the consonant-and-digit alphabet upstream uses
/// for generated names, so it is a valid label value and never spells a word.
enum PodTemplateHash {
    static func of(_ template: SimulatedJSON) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in template.encoded {
            hash ^= UInt32(byte)
            hash &*= 16_777_619
        }
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String(String(hash).utf8.map { alphabet[Int($0) % alphabet.count] })
    }
}
