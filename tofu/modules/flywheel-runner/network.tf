# Agent pods: only the monitoring namespace and deploy-profile job pods reach the metrics port; egress to DNS and HTTPS
# (GitLab, the API server).
resource "kubernetes_network_policy_v1" "agent" {
  metadata {
    name      = "${var.name}-agent"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.labels
  }
  spec {
    pod_selector {
      match_labels = local.selector
    }
    policy_types = ["Ingress", "Egress"]

    ingress {
      from {
        namespace_selector {
          match_labels = {
            "kubernetes.io/metadata.name" = var.monitoring_namespace
          }
        }
      }
      # The pipeline's verify job (deploy profile) checks /readyz through the Service.
      from {
        pod_selector {
          match_labels = {
            "app.kubernetes.io/managed-by" = "flywheel"
            "flywheel.dev/profile"         = "deploy"
          }
        }
      }
      ports {
        port     = "metrics"
        protocol = "TCP"
      }
    }

    egress {
      to {
        namespace_selector {
          match_labels = {
            "kubernetes.io/metadata.name" = "kube-system"
          }
        }
        pod_selector {
          match_labels = {
            "k8s-app" = "kube-dns"
          }
        }
      }
      ports {
        port     = "53"
        protocol = "UDP"
      }
      ports {
        port     = "53"
        protocol = "TCP"
      }
    }

    egress {
      ports {
        port     = "443"
        protocol = "TCP"
      }
      ports {
        port     = "6443"
        protocol = "TCP"
      }
    }
  }
}

# Job pods accept no connections (their services share the pod's localhost); egress stays open.
resource "kubernetes_network_policy_v1" "jobs" {
  metadata {
    name      = "${var.name}-jobs"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.labels
  }
  spec {
    pod_selector {
      match_labels = {
        "app.kubernetes.io/managed-by" = "flywheel"
      }
    }
    policy_types = ["Ingress"]
  }
}
