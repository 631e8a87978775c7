/// JSON as a real API server sends it (managedFields and other fields this module does not model included).
enum Fixtures {
    static func podJSON(name: String = "job-1", resourceVersion: String = "100", uid: String = "uid-1", phase: String = "Running", kind: Bool = true) -> String {
        let head = kind ? #""kind":"Pod","apiVersion":"v1","# : ""
        return #"{\#(head)"metadata":{"name":"\#(name)","namespace":"ci","uid":"\#(uid)","resourceVersion":"\#(resourceVersion)","creationTimestamp":"2025-01-01T00:00:00Z","labels":{"app":"ci"},"managedFields":[{"manager":"kubectl","operation":"Update"}]},"spec":{"containers":[{"name":"build","image":"alpine:3","resources":{},"terminationMessagePath":"/dev/termination-log"}],"restartPolicy":"Never","dnsPolicy":"ClusterFirst","serviceAccountName":"default"},"status":{"phase":"\#(phase)","qosClass":"BestEffort"}}"#
    }

    static func podList(resourceVersion: String, pods: [(name: String, rv: String, uid: String)]) -> String {
        let items = pods.map { podJSON(name: $0.name, resourceVersion: $0.rv, uid: $0.uid, kind: false) }.joined(separator: ",")
        return #"{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"\#(resourceVersion)"},"items":[\#(items)]}"#
    }

    static func event(_ type: String, name: String, rv: String, uid: String = "uid-1", phase: String = "Running") -> String {
        #"{"type":"\#(type)","object":\#(podJSON(name: name, resourceVersion: rv, uid: uid, phase: phase))}"# + "\n"
    }

    static func bookmark(_ rv: String) -> String {
        #"{"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"\#(rv)"}}}"# + "\n"
    }

    static let expired = #"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 104 (107)","reason":"Expired","code":410}}"# + "\n"

    /// A pod whose `build` container is in `state` (`running` or `terminated`).
    static func pod(container: String = "build", state: String) -> String {
        let stateJSON = state == "running"
            ? #"{"running":{"startedAt":"2025-01-01T00:00:00Z"}}"#
            : #"{"terminated":{"exitCode":0,"reason":"Completed"}}"#
        let phase = state == "running" ? "Running" : "Succeeded"
        return #"{"kind":"Pod","apiVersion":"v1","metadata":{"name":"job-1","namespace":"ci"},"status":{"phase":"\#(phase)","containerStatuses":[{"name":"\#(container)","ready":true,"restartCount":0,"image":"alpine","imageID":"","state":\#(stateJSON)}]}}"#
    }
}
