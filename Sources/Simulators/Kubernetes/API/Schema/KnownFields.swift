/// Field schemas of the served kinds (Kubernetes 1.32), deep where the agent builds objects
/// (pods, secrets, leases, deployments) and open (`.any`) where it does not.
enum KnownFields {
    static func schema(for resource: ResourceType) -> FieldSchema {
        switch resource.id {
        case ResourceType.pods.id: return pod
        case ResourceType.secrets.id: return secret
        case ResourceType.configMaps.id: return configMap
        case ResourceType.leases.id: return lease
        case ResourceType.deployments.id: return deployment
        case ResourceType.namespaces.id: return namespace
        case ResourceType.serviceAccounts.id: return serviceAccount
        default: return .object(typeMeta.merging(["metadata": objectMeta]) { $1 }.merging(eventFields) { $1 })
        }
    }

    static let typeMeta: [String: FieldSchema] = ["apiVersion": .string, "kind": .string]

    static let objectMeta: FieldSchema = .object([
        "name": .string, "generateName": .string, "namespace": .string, "selfLink": .string, "uid": .string,
        "resourceVersion": .string, "generation": .integer, "creationTimestamp": .time, "deletionTimestamp": .time,
        "deletionGracePeriodSeconds": .integer, "labels": .map(.string), "annotations": .map(.string),
        "ownerReferences": .array(.object(["apiVersion": .string, "kind": .string, "name": .string, "uid": .string,
                                           "controller": .boolean, "blockOwnerDeletion": .boolean])),
        "finalizers": .array(.string), "managedFields": .array(.any),
    ])

    static let labelSelector: FieldSchema = .object([
        "matchLabels": .map(.string),
        "matchExpressions": .array(.object(["key": .string, "operator": .string, "values": .array(.string)])),
    ])

    private static let keyReference: FieldSchema = .object(["name": .string, "key": .string, "optional": .boolean])
    private static let objectReference: FieldSchema = .object(["name": .string, "optional": .boolean])
    private static let fieldReference: FieldSchema = .object(["apiVersion": .string, "fieldPath": .string])
    private static let resourceFieldReference: FieldSchema = .object(["containerName": .string, "resource": .string, "divisor": .quantity])
    private static let keyToPath: FieldSchema = .object(["key": .string, "path": .string, "mode": .integer])
    private static let downwardFile: FieldSchema = .object([
        "path": .string, "fieldRef": fieldReference, "resourceFieldRef": resourceFieldReference, "mode": .integer,
    ])
    private static let profile: FieldSchema = .object(["type": .string, "localhostProfile": .string])
    private static let resources: FieldSchema = .object([
        "limits": .map(.quantity), "requests": .map(.quantity),
        "claims": .array(.object(["name": .string, "request": .string])),
    ])

    static let container: FieldSchema = .object([
        "name": .string, "image": .string, "command": .array(.string), "args": .array(.string), "workingDir": .string,
        "ports": .array(.object(["name": .string, "hostPort": .integer, "containerPort": .integer, "protocol": .string, "hostIP": .string])),
        "envFrom": .array(.object(["prefix": .string, "configMapRef": objectReference, "secretRef": objectReference])),
        "env": .array(.object([
            "name": .string, "value": .string,
            "valueFrom": .object(["fieldRef": fieldReference, "resourceFieldRef": resourceFieldReference,
                                  "configMapKeyRef": keyReference, "secretKeyRef": keyReference]),
        ])),
        "resources": resources,
        "resizePolicy": .array(.object(["resourceName": .string, "restartPolicy": .string])),
        "restartPolicy": .string,
        "volumeMounts": .array(.object([
            "name": .string, "readOnly": .boolean, "recursiveReadOnly": .string, "mountPath": .string, "subPath": .string,
            "mountPropagation": .string, "subPathExpr": .string,
        ])),
        "volumeDevices": .array(.object(["name": .string, "devicePath": .string])),
        "livenessProbe": .any, "readinessProbe": .any, "startupProbe": .any, "lifecycle": .any,
        "terminationMessagePath": .string, "terminationMessagePolicy": .string, "imagePullPolicy": .string,
        "securityContext": .object([
            "capabilities": .object(["add": .array(.string), "drop": .array(.string)]), "privileged": .boolean,
            "seLinuxOptions": .any, "windowsOptions": .any, "runAsUser": .integer, "runAsGroup": .integer, "runAsNonRoot": .boolean,
            "readOnlyRootFilesystem": .boolean, "allowPrivilegeEscalation": .boolean, "procMount": .string,
            "seccompProfile": profile, "appArmorProfile": profile,
        ]),
        "stdin": .boolean, "stdinOnce": .boolean, "tty": .boolean,
    ])

    static let volume: FieldSchema = {
        var fields: [String: FieldSchema] = [
            "name": .string,
            "hostPath": .object(["path": .string, "type": .string]),
            "emptyDir": .object(["medium": .string, "sizeLimit": .quantity]),
            "secret": .object(["secretName": .string, "items": .array(keyToPath), "defaultMode": .integer, "optional": .boolean]),
            "configMap": .object(["name": .string, "items": .array(keyToPath), "defaultMode": .integer, "optional": .boolean]),
            "downwardAPI": .object(["items": .array(downwardFile), "defaultMode": .integer]),
            "projected": .object([
                "defaultMode": .integer,
                "sources": .array(.object([
                    "secret": .object(["name": .string, "items": .array(keyToPath), "optional": .boolean]),
                    "configMap": .object(["name": .string, "items": .array(keyToPath), "optional": .boolean]),
                    "downwardAPI": .object(["items": .array(downwardFile)]),
                    "serviceAccountToken": .object(["audience": .string, "expirationSeconds": .integer, "path": .string]),
                    "clusterTrustBundle": .any,
                ])),
            ]),
            "persistentVolumeClaim": .object(["claimName": .string, "readOnly": .boolean]),
            "nfs": .object(["server": .string, "path": .string, "readOnly": .boolean]),
            "image": .object(["reference": .string, "pullPolicy": .string]),
        ]
        for legacy in ["ephemeral", "csi", "awsElasticBlockStore", "gcePersistentDisk", "gitRepo", "iscsi", "glusterfs", "rbd",
                       "flexVolume", "cinder", "cephfs", "flocker", "fc", "azureFile", "vsphereVolume", "quobyte", "azureDisk",
                       "photonPersistentDisk", "portworxVolume", "scaleIO", "storageos"] {
            fields[legacy] = .any
        }
        return .object(fields)
    }()

    static let podSpec: FieldSchema = .object([
        "volumes": .array(volume), "initContainers": .array(container), "containers": .array(container),
        "ephemeralContainers": .array(.any), "restartPolicy": .string, "terminationGracePeriodSeconds": .integer,
        "activeDeadlineSeconds": .integer, "dnsPolicy": .string, "nodeSelector": .map(.string),
        "serviceAccountName": .string, "serviceAccount": .string, "automountServiceAccountToken": .boolean,
        "nodeName": .string, "hostNetwork": .boolean, "hostPID": .boolean, "hostIPC": .boolean, "shareProcessNamespace": .boolean,
        "securityContext": .object([
            "seLinuxOptions": .any, "windowsOptions": .any, "runAsUser": .integer, "runAsGroup": .integer, "runAsNonRoot": .boolean,
            "supplementalGroups": .array(.integer), "supplementalGroupsPolicy": .string, "fsGroup": .integer,
            "sysctls": .array(.object(["name": .string, "value": .string])), "fsGroupChangePolicy": .string,
            "seccompProfile": profile, "appArmorProfile": profile, "seLinuxChangePolicy": .string,
        ]),
        "imagePullSecrets": .array(.object(["name": .string])), "hostname": .string, "subdomain": .string,
        "affinity": .any, "schedulerName": .string,
        "tolerations": .array(.object(["key": .string, "operator": .string, "value": .string, "effect": .string, "tolerationSeconds": .integer])),
        "hostAliases": .array(.object(["ip": .string, "hostnames": .array(.string)])),
        "priorityClassName": .string, "priority": .integer,
        "dnsConfig": .object(["nameservers": .array(.string), "searches": .array(.string),
                              "options": .array(.object(["name": .string, "value": .string]))]),
        "readinessGates": .array(.object(["conditionType": .string])), "runtimeClassName": .string,
        "enableServiceLinks": .boolean, "preemptionPolicy": .string, "overhead": .map(.quantity),
        "topologySpreadConstraints": .array(.any), "setHostnameAsFQDN": .boolean, "os": .object(["name": .string]),
        "hostUsers": .boolean, "schedulingGates": .array(.object(["name": .string])), "resourceClaims": .array(.any),
        "resources": resources,
    ])

    static let pod: FieldSchema = .object(typeMeta.merging(["metadata": objectMeta, "spec": podSpec, "status": .any]) { $1 })

    static let secret: FieldSchema = .object(typeMeta.merging([
        "metadata": objectMeta, "data": .map(.string), "stringData": .map(.string), "type": .string, "immutable": .boolean,
    ]) { $1 })

    static let configMap: FieldSchema = .object(typeMeta.merging([
        "metadata": objectMeta, "data": .map(.string), "binaryData": .map(.string), "immutable": .boolean,
    ]) { $1 })

    static let lease: FieldSchema = .object(typeMeta.merging([
        "metadata": objectMeta,
        "spec": .object(["holderIdentity": .string, "leaseDurationSeconds": .integer, "acquireTime": .time, "renewTime": .time,
                         "leaseTransitions": .integer, "strategy": .string, "preferredHolder": .string]),
    ]) { $1 })

    static let deployment: FieldSchema = .object(typeMeta.merging([
        "metadata": objectMeta,
        "spec": .object([
            "replicas": .integer, "selector": labelSelector,
            "template": .object(["metadata": objectMeta, "spec": podSpec]),
            "strategy": .object(["type": .string, "rollingUpdate": .object(["maxUnavailable": .intOrString, "maxSurge": .intOrString])]),
            "minReadySeconds": .integer, "revisionHistoryLimit": .integer, "paused": .boolean, "progressDeadlineSeconds": .integer,
        ]),
        "status": .any,
    ]) { $1 })

    static let namespace: FieldSchema = .object(typeMeta.merging([
        "metadata": objectMeta, "spec": .object(["finalizers": .array(.string)]), "status": .any,
    ]) { $1 })

    static let serviceAccount: FieldSchema = .object(typeMeta.merging([
        "metadata": objectMeta, "secrets": .array(.any), "imagePullSecrets": .array(.object(["name": .string])),
        "automountServiceAccountToken": .boolean,
    ]) { $1 })

    private static let eventFields: [String: FieldSchema] = [
        "involvedObject": .any, "reason": .string, "message": .string, "source": .any, "firstTimestamp": .time,
        "lastTimestamp": .time, "count": .integer, "type": .string, "eventTime": .any, "series": .any, "action": .string,
        "related": .any, "reportingComponent": .string, "reportingInstance": .string,
    ]
}
