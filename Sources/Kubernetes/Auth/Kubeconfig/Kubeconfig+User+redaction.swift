extension Kubeconfig.User: CustomStringConvertible, CustomReflectable {
    /// Which kinds of credentials the user has, never their values.
    public var description: String {
        var kinds: [String] = []
        if token != nil { kinds.append("token") }
        if tokenFile != nil { kinds.append("tokenFile") }
        if clientCertificate != nil || clientCertificateData != nil { kinds.append("client certificate") }
        if username != nil { kinds.append("username/password") }
        if let exec { kinds.append("exec \(exec.command)") }
        if let authProvider { kinds.append("auth-provider \(authProvider.name)") }
        return "User(" + (kinds.isEmpty ? "no credentials" : kinds.joined(separator: ", ")) + ")"
    }

    public var customMirror: Mirror { Mirror(self, children: ["user": description]) }
}
