/// Armed HTTP faults, consumed in arming order.
struct FaultBook: Sendable {
    private(set) var faults: [KubernetesHTTPFault] = []

    mutating func arm(_ fault: KubernetesHTTPFault) {
        faults.append(fault)
    }

    mutating func clear() {
        faults.removeAll()
    }

    /// Takes (consumes one use of) the first matching delay fault and the first matching
    /// status or reset fault.
    mutating func take(method: String, path: String) -> (delay: Duration?, failure: KubernetesHTTPFault.Action?) {
        var delay: Duration?
        var failure: KubernetesHTTPFault.Action?
        var index = 0
        while index < faults.count {
            let fault = faults[index]
            guard fault.matches(method: method, path: path) else {
                index += 1
                continue
            }
            var used = false
            switch fault.action {
            case .delay(let duration) where delay == nil:
                delay = duration
                used = true
            case .status, .reset:
                if failure == nil {
                    failure = fault.action
                    used = true
                }
            default:
                break
            }
            if used, let count = fault.count {
                if count <= 1 {
                    faults.remove(at: index)
                    continue
                }
                faults[index].count = count - 1
            }
            index += 1
        }
        return (delay, failure)
    }
}
