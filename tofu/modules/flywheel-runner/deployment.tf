resource "kubernetes_deployment_v1" "agent" {
  #checkov:skip=CKV_K8S_14:image is var.image, whose validation rejects a missing tag and :latest (docs/security.md)
  metadata {
    name      = var.name
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = merge(local.labels, { "app.kubernetes.io/component" = "agent" })
    annotations = {
      "flywheel.dev/revision" = tostring(var.revision)
    }
  }

  # The autoscaler owns replicas, and `flywheel deploy` owns the image and revision after the first apply.
  lifecycle {
    ignore_changes = [
      spec[0].replicas,
      metadata[0].annotations["flywheel.dev/revision"],
      spec[0].template[0].spec[0].container[0].image,
      spec[0].template[0].metadata[0].annotations["flywheel.dev/revision"],
    ]
  }

  wait_for_rollout = true

  spec {
    replicas               = var.replicas
    revision_history_limit = 10

    selector {
      match_labels = local.selector
    }

    strategy {
      type = "RollingUpdate"
      rolling_update {
        max_surge       = "1"
        max_unavailable = "0"
      }
    }

    template {
      metadata {
        labels = merge(local.labels, local.selector)
        annotations = {
          # Roll the agents when their configuration changes.
          "flywheel.dev/config-sha256"    = sha256(local.config_toml)
          "flywheel.dev/executors-sha256" = sha256(jsonencode(var.executor_profiles))
          "flywheel.dev/revision"         = tostring(var.revision)
        }
      }

      spec {
        service_account_name = kubernetes_service_account_v1.agent.metadata[0].name
        # The agent talks to the Kubernetes API; no other pod here mounts a token.
        automount_service_account_token  = true
        enable_service_links             = false
        termination_grace_period_seconds = var.shutdown_timeout + var.drain_margin_seconds

        security_context {
          run_as_non_root = true
          run_as_user     = 10001
          run_as_group    = 10001
          fs_group        = 10001
          seccomp_profile {
            type = "RuntimeDefault"
          }
        }

        topology_spread_constraint {
          max_skew           = 1
          topology_key       = "kubernetes.io/hostname"
          when_unsatisfiable = var.environment == "prod" ? "DoNotSchedule" : "ScheduleAnyway"
          label_selector {
            match_labels = local.selector
          }
        }

        container {
          name              = "agent"
          image             = var.image
          image_pull_policy = "Always"
          args              = ["run", "--config", "/etc/flywheel/config.toml"]

          env {
            name = "POD_NAME"
            value_from {
              field_ref {
                field_path = "metadata.name"
              }
            }
          }
          env {
            name = "POD_NAMESPACE"
            value_from {
              field_ref {
                field_path = "metadata.namespace"
              }
            }
          }
          env {
            name = "POD_UID"
            value_from {
              field_ref {
                field_path = "metadata.uid"
              }
            }
          }
          env {
            name = "NODE_NAME"
            value_from {
              field_ref {
                field_path = "spec.nodeName"
              }
            }
          }
          # Status page: the revision `flywheel deploy` stamped on the pod template.
          env {
            name = "FLYWHEEL_REQUESTED_REVISION"
            value_from {
              field_ref {
                field_path = "metadata.annotations['flywheel.dev/revision']"
              }
            }
          }

          port {
            name           = "metrics"
            container_port = var.metrics_port
            protocol       = "TCP"
          }

          startup_probe {
            http_get {
              path = "/healthz"
              port = "metrics"
            }
            period_seconds    = 2
            failure_threshold = 30
          }
          liveness_probe {
            http_get {
              path = "/healthz"
              port = "metrics"
            }
            period_seconds    = 10
            timeout_seconds   = 3
            failure_threshold = 3
          }
          readiness_probe {
            http_get {
              path = "/readyz"
              port = "metrics"
            }
            period_seconds    = 5
            timeout_seconds   = 3
            failure_threshold = 2
          }

          resources {
            requests = {
              cpu    = var.resources.requests_cpu
              memory = var.resources.requests_memory
            }
            limits = {
              cpu    = var.resources.limits_cpu
              memory = var.resources.limits_memory
            }
          }

          security_context {
            allow_privilege_escalation = false
            read_only_root_filesystem  = true
            run_as_non_root            = true
            run_as_user                = 10001
            run_as_group               = 10001
            capabilities {
              drop = ["ALL"]
            }
            seccomp_profile {
              type = "RuntimeDefault"
            }
          }

          volume_mount {
            name       = "config"
            mount_path = "/etc/flywheel"
            read_only  = true
          }
          volume_mount {
            name       = "executors"
            mount_path = "/etc/flywheel/executors"
            read_only  = true
          }
          volume_mount {
            name       = "runner-tokens"
            mount_path = "/run/secrets/flywheel"
            read_only  = true
          }
          volume_mount {
            name       = "state"
            mount_path = "/var/lib/flywheel"
          }
          volume_mount {
            name       = "tmp"
            mount_path = "/tmp"
          }
        }

        volume {
          name = "config"
          config_map {
            name = kubernetes_config_map_v1.config.metadata[0].name
          }
        }
        volume {
          name = "executors"
          config_map {
            name = kubernetes_config_map_v1.executors.metadata[0].name
          }
        }
        volume {
          name = "runner-tokens"
          secret {
            secret_name  = var.runner_token_secret_name
            default_mode = "0400"
          }
        }
        volume {
          name = "state"
          empty_dir {
            size_limit = "1Gi"
          }
        }
        volume {
          name = "tmp"
          empty_dir {
            size_limit = "256Mi"
          }
        }
      }
    }
  }
}

resource "kubernetes_service_v1" "agent" {
  metadata {
    name      = var.name
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = merge(local.labels, { "app.kubernetes.io/component" = "agent" })
  }
  spec {
    type     = "ClusterIP"
    selector = local.selector
    port {
      name        = "metrics"
      port        = var.metrics_port
      target_port = "metrics"
      protocol    = "TCP"
    }
  }
}

resource "kubernetes_pod_disruption_budget_v1" "agent" {
  metadata {
    name      = var.name
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.labels
  }
  spec {
    max_unavailable = tostring(var.max_unavailable)
    selector {
      match_labels = local.selector
    }
  }
}
