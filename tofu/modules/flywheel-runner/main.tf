# The objects of k8s/base through the kubernetes provider. Keep the two in step; scripts/check-deployment.sh
# lints both.

locals {
  labels = merge(var.labels, {
    "app.kubernetes.io/name"       = "flywheel"
    "app.kubernetes.io/part-of"    = "flywheel"
    "app.kubernetes.io/instance"   = "${var.name}-${var.environment}"
    "app.kubernetes.io/managed-by" = "opentofu"
  })
  selector = {
    "app.kubernetes.io/name"      = "flywheel"
    "app.kubernetes.io/component" = "agent"
  }
  helper_image = coalesce(var.helper_image, var.image)

  config_toml = templatefile("${path.module}/templates/config.toml.tftpl", {
    concurrent       = var.concurrent
    shutdown_timeout = var.shutdown_timeout
    log_level        = var.log_level
    metrics_port     = var.metrics_port
    gitlab_url       = var.gitlab_url
    environment      = var.environment
    namespace        = var.namespace
    helper_image     = local.helper_image
    runners          = var.runners
  })

  # Saturation = running jobs / capacity over every agent pod of this namespace. The series names must
  # match the agent's /metrics (Sources/Agent/Status/AgentMetrics.swift).
  saturation_query = "sum(flywheel_jobs_running{namespace=\"${var.namespace}\"}) / clamp_min(sum(flywheel_capacity{namespace=\"${var.namespace}\"}), 1)"
}

resource "kubernetes_namespace_v1" "this" {
  metadata {
    name = var.namespace
    labels = merge(local.labels, {
      "pod-security.kubernetes.io/enforce" = var.pod_security_enforce
      "pod-security.kubernetes.io/warn"    = "restricted"
      "pod-security.kubernetes.io/audit"   = "restricted"
    })
  }
}

# --- RBAC: the agent ---------------------------------------------------------------------------------

resource "kubernetes_service_account_v1" "agent" {
  metadata {
    name      = var.name
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.labels
  }
  automount_service_account_token = false
}

resource "kubernetes_role_v1" "agent" {
  metadata {
    name      = "${var.name}-agent"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.labels
  }

  # Job pods (create, follow, adopt, delete) and the agent's own pod-deletion-cost annotation (patch).
  rule {
    api_groups = [""]
    resources  = ["pods"]
    verbs      = ["create", "get", "list", "watch", "delete", "patch"]
  }
  rule {
    api_groups = [""]
    resources  = ["pods/log"]
    verbs      = ["get"]
  }
  # One payload Secret per job, owned by its pod.
  rule {
    api_groups = [""]
    resources  = ["secrets"]
    verbs      = ["create", "get", "list", "watch", "delete", "patch"]
  }
  rule {
    api_groups = ["", "events.k8s.io"]
    resources  = ["events"]
    verbs      = ["get", "list", "watch"]
  }
  # Status page: deploy Lease holder and the revision last requested.
  rule {
    api_groups = ["coordination.k8s.io"]
    resources  = ["leases"]
    verbs      = ["get", "list", "watch"]
  }
  rule {
    api_groups     = ["apps"]
    resources      = ["deployments"]
    resource_names = [var.name]
    verbs          = ["get"]
  }
}

resource "kubernetes_role_binding_v1" "agent" {
  metadata {
    name      = "${var.name}-agent"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.labels
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = kubernetes_role_v1.agent.metadata[0].name
  }
  subject {
    kind      = "ServiceAccount"
    name      = kubernetes_service_account_v1.agent.metadata[0].name
    namespace = kubernetes_namespace_v1.this.metadata[0].name
  }
}

# --- RBAC: deploy jobs (flywheel deploy) --------------------------------------------------------------

resource "kubernetes_service_account_v1" "deployer" {
  metadata {
    name      = "${var.name}-deployer"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.labels
  }
  automount_service_account_token = false
}

resource "kubernetes_role_v1" "deployer" {
  metadata {
    name      = "${var.name}-deployer"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.labels
  }
  rule {
    api_groups     = ["apps"]
    resources      = ["deployments"]
    resource_names = [var.name]
    verbs          = ["get", "watch", "patch"]
  }
  rule {
    api_groups = ["apps"]
    resources  = ["replicasets"]
    verbs      = ["get", "list", "watch"]
  }
  rule {
    api_groups = [""]
    resources  = ["pods"]
    verbs      = ["get", "list", "watch"]
  }
  rule {
    api_groups = ["coordination.k8s.io"]
    resources  = ["leases"]
    verbs      = ["create"]
  }
  rule {
    api_groups     = ["coordination.k8s.io"]
    resources      = ["leases"]
    resource_names = ["flywheel-deploy-${var.environment}"]
    verbs          = ["get", "update"]
  }
}

resource "kubernetes_role_binding_v1" "deployer" {
  metadata {
    name      = "${var.name}-deployer"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.labels
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = kubernetes_role_v1.deployer.metadata[0].name
  }
  subject {
    kind      = "ServiceAccount"
    name      = kubernetes_service_account_v1.deployer.metadata[0].name
    namespace = kubernetes_namespace_v1.this.metadata[0].name
  }
}

# --- configuration -----------------------------------------------------------------------------------

resource "kubernetes_config_map_v1" "config" {
  metadata {
    name      = "${var.name}-config"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.labels
  }
  data = {
    "config.toml" = local.config_toml
  }

  lifecycle {
    precondition {
      condition     = alltrue([for r in var.runners : contains(keys(var.executor_profiles), "${r.profile}.yaml")])
      error_message = "every runner's profile needs <profile>.yaml in executor_profiles."
    }
    precondition {
      condition     = var.pod_security_enforce == "privileged" || !contains([for r in var.runners : r.profile], "dind")
      error_message = "the dind profile's sidecar is privileged: set pod_security_enforce = \"privileged\" or drop the dind runner."
    }
  }
}

resource "kubernetes_config_map_v1" "executors" {
  metadata {
    name      = "${var.name}-executors"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.labels
  }
  data = var.executor_profiles
}
