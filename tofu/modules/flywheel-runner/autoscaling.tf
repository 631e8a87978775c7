# Saturation-based scaling; see k8s/components/keda and k8s/components/hpa for the rationale.

resource "kubernetes_manifest" "service_monitor" {
  count = var.service_monitor_enabled ? 1 : 0

  manifest = {
    apiVersion = "monitoring.coreos.com/v1"
    kind       = "ServiceMonitor"
    metadata = {
      name      = var.name
      namespace = kubernetes_namespace_v1.this.metadata[0].name
      labels    = local.labels
    }
    spec = {
      selector = {
        matchLabels = local.selector
      }
      endpoints = [{
        port          = "metrics"
        path          = "/metrics"
        interval      = "15s"
        scrapeTimeout = "10s"
      }]
    }
  }
}

resource "kubernetes_manifest" "scaled_object" {
  count = var.autoscaler == "keda" ? 1 : 0

  lifecycle {
    precondition {
      condition     = var.min_replicas <= var.max_replicas
      error_message = "min_replicas must not exceed max_replicas."
    }
  }

  manifest = {
    apiVersion = "keda.sh/v1alpha1"
    kind       = "ScaledObject"
    metadata = {
      name      = var.name
      namespace = kubernetes_namespace_v1.this.metadata[0].name
      labels    = local.labels
    }
    spec = {
      scaleTargetRef = {
        apiVersion = "apps/v1"
        kind       = "Deployment"
        name       = kubernetes_deployment_v1.agent.metadata[0].name
      }
      minReplicaCount = var.min_replicas
      maxReplicaCount = var.max_replicas
      pollingInterval = 30
      cooldownPeriod  = 300
      advanced = {
        horizontalPodAutoscalerConfig = {
          behavior = {
            scaleDown = {
              stabilizationWindowSeconds = 600
              policies = [{
                type          = "Pods"
                value         = 1
                periodSeconds = 300
              }]
            }
          }
        }
      }
      triggers = [{
        type       = "prometheus"
        metricType = "Value"
        metadata = {
          serverAddress    = var.prometheus_address
          query            = local.saturation_query
          threshold        = tostring(var.saturation_target)
          ignoreNullValues = "false"
        }
      }]
    }
  }
}

resource "kubernetes_horizontal_pod_autoscaler_v2" "agent" {
  count = var.autoscaler == "hpa" ? 1 : 0

  lifecycle {
    precondition {
      condition     = var.min_replicas <= var.max_replicas
      error_message = "min_replicas must not exceed max_replicas."
    }
  }

  metadata {
    name      = var.name
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.labels
  }
  spec {
    min_replicas = var.min_replicas
    max_replicas = var.max_replicas

    scale_target_ref {
      api_version = "apps/v1"
      kind        = "Deployment"
      name        = kubernetes_deployment_v1.agent.metadata[0].name
    }

    # flywheel_fleet_saturation is served by an external-metrics adapter from flywheel_jobs_running and
    # flywheel_capacity (rule in k8s/components/hpa/hpa.yaml).
    metric {
      type = "External"
      external {
        metric {
          name = "flywheel_fleet_saturation"
          selector {
            match_labels = {
              namespace = var.namespace
            }
          }
        }
        target {
          type  = "Value"
          value = "${floor(var.saturation_target * 1000)}m"
        }
      }
    }

    behavior {
      scale_down {
        stabilization_window_seconds = 600
        select_policy                = "Max"
        policy {
          type           = "Pods"
          value          = 1
          period_seconds = 300
        }
      }
    }
  }
}
