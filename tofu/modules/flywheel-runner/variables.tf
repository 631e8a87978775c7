variable "name" {
  description = "Name of the agent Deployment, its Service, Role and friends. `flywheel deploy` patches the Deployment by this name."
  type        = string
  default     = "flywheel"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.name))
    error_message = "name must be a DNS-1123 label (lowercase letters, digits, '-'; at most 63 characters)."
  }
}

variable "namespace" {
  description = "Namespace of the agent and of its job pods (created by this module)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.namespace)) && var.namespace != "default"
    error_message = "namespace must be a DNS-1123 label other than \"default\"."
  }
}

variable "environment" {
  description = "Environment name (dev, staging, prod); labels the objects and prefixes runner names."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be one of dev, staging, prod."
  }
}

variable "image" {
  description = "Flywheel image of the agent, pinned by tag or digest (registry/flywheel/flywheel:1.2.3 or …@sha256:…)."
  type        = string

  validation {
    condition     = !endswith(var.image, ":latest") && (can(regex("@sha256:[a-f0-9]{64}$", var.image)) || can(regex(":[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image)))
    error_message = "image must carry an explicit tag other than latest, or a sha256 digest."
  }
}

variable "helper_image" {
  description = "Flywheel image of the prepare and supervisor containers of job pods; null means the agent's image."
  type        = string
  default     = null

  validation {
    condition     = var.helper_image == null || can(regex("^[^\\s]+[:@][^\\s]+$", coalesce(var.helper_image, "x:y")))
    error_message = "helper_image must be a pinned image reference (with a tag or digest) or null."
  }
}

variable "revision" {
  description = "Monotonic revision recorded in the flywheel.dev/revision annotation (CI_PIPELINE_IID). `flywheel deploy` refuses older ones; OpenTofu ignores later changes to it."
  type        = number
  default     = 0

  validation {
    condition     = var.revision >= 0 && floor(var.revision) == var.revision
    error_message = "revision must be a non-negative integer."
  }
}

variable "replicas" {
  description = "Agent replicas when no autoscaler manages them (autoscaler = \"none\"); the initial count otherwise."
  type        = number
  default     = 2

  validation {
    condition     = var.replicas >= 1 && var.replicas <= 50 && floor(var.replicas) == var.replicas
    error_message = "replicas must be an integer from 1 to 50 (GitLab cannot wake a fleet scaled to zero)."
  }
}

variable "resources" {
  description = "CPU and memory requests and limits of the agent container."
  type = object({
    requests_cpu    = string
    requests_memory = string
    limits_cpu      = string
    limits_memory   = string
  })
  default = {
    requests_cpu    = "100m"
    requests_memory = "128Mi"
    limits_cpu      = "1"
    limits_memory   = "512Mi"
  }

  validation {
    condition = alltrue([
      for v in [var.resources.requests_cpu, var.resources.limits_cpu] : can(regex("^[0-9]+(\\.[0-9]+)?m?$", v))
      ]) && alltrue([
      for v in [var.resources.requests_memory, var.resources.limits_memory] : can(regex("^[0-9]+(Ki|Mi|Gi)$", v))
    ])
    error_message = "cpu must look like 100m or 1, memory like 128Mi or 1Gi."
  }
}

variable "gitlab_url" {
  description = "GitLab instance the runners register with (https URL, no trailing /ci)."
  type        = string

  validation {
    condition     = can(regex("^https?://[^/?#\\s]+(/[^?#\\s]*)?$", var.gitlab_url)) && !endswith(var.gitlab_url, "/ci")
    error_message = "gitlab_url must be an http(s) URL without query, fragment or trailing /ci."
  }
}

variable "runners" {
  description = "One [[runners]] section each: runner name suffix, executor profile, per-runner job limit (0 = none). The token is read from key `profile` of the token Secret."
  type = list(object({
    name    = string
    profile = string
    limit   = optional(number, 0)
  }))

  validation {
    condition     = length(var.runners) > 0 && length(distinct([for r in var.runners : r.name])) == length(var.runners)
    error_message = "runners must be non-empty with unique names."
  }

  validation {
    condition     = alltrue([for r in var.runners : contains(["docker", "dind", "rocky8", "rocky9", "nix", "deploy"], r.profile) && r.limit >= 0])
    error_message = "each runner's profile must be docker, dind, rocky8, rocky9, nix or deploy, and its limit >= 0."
  }
}

variable "executor_profiles" {
  description = "Executor profile files mounted at /etc/flywheel/executors: file name (e.g. docker.yaml) to YAML contents."
  type        = map(string)

  validation {
    condition     = alltrue([for k, v in var.executor_profiles : can(regex("^[a-z0-9-]+\\.yaml$", k)) && can(yamldecode(v))])
    error_message = "executor_profiles keys must be <name>.yaml and every value valid YAML."
  }
}

variable "runner_token_secret_name" {
  description = "Existing Secret holding one runner token per key (key = runner profile). Created out of band; this module never manages tokens."
  type        = string
  default     = "flywheel-runner-tokens"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", var.runner_token_secret_name))
    error_message = "runner_token_secret_name must be a DNS-1123 subdomain."
  }
}

variable "concurrent" {
  description = "config.toml `concurrent`: jobs one agent runs at once (its capacity)."
  type        = number
  default     = 20

  validation {
    condition     = var.concurrent >= 1 && var.concurrent <= 1000
    error_message = "concurrent must be from 1 to 1000."
  }
}

variable "shutdown_timeout" {
  description = "config.toml `shutdown_timeout` in seconds: how long a draining agent waits. The pod's grace period is this plus drain_margin_seconds."
  type        = number
  default     = 30

  validation {
    condition     = var.shutdown_timeout >= 0 && var.shutdown_timeout <= 3600
    error_message = "shutdown_timeout must be from 0 to 3600 seconds."
  }
}

variable "drain_margin_seconds" {
  description = "Seconds added to shutdown_timeout for terminationGracePeriodSeconds (last trace and state requests)."
  type        = number
  default     = 30

  validation {
    condition     = var.drain_margin_seconds >= 10 && var.drain_margin_seconds <= 600
    error_message = "drain_margin_seconds must be from 10 to 600."
  }
}

variable "metrics_port" {
  description = "Port of listen_address (/metrics, /healthz, /readyz, status page)."
  type        = number
  default     = 9252

  validation {
    condition     = var.metrics_port >= 1024 && var.metrics_port <= 65535
    error_message = "metrics_port must be an unprivileged port (1024-65535); the agent runs as non-root."
  }
}

variable "log_level" {
  description = "config.toml `log_level`."
  type        = string
  default     = "info"

  validation {
    condition     = contains(["debug", "info", "warn", "error"], var.log_level)
    error_message = "log_level must be debug, info, warn or error."
  }
}

variable "pod_security_enforce" {
  description = "Pod Security Admission level enforced on the namespace. The dind profile needs \"privileged\"; without dind use \"baseline\"."
  type        = string
  default     = "baseline"

  validation {
    condition     = contains(["privileged", "baseline"], var.pod_security_enforce)
    error_message = "pod_security_enforce must be privileged or baseline (rocky8/rocky9/nix build containers run as root, which restricted forbids)."
  }
}

variable "autoscaler" {
  description = "What scales the agents on saturation: \"keda\" (ScaledObject), \"hpa\" (External metric via an adapter) or \"none\"."
  type        = string
  default     = "keda"

  validation {
    condition     = contains(["keda", "hpa", "none"], var.autoscaler)
    error_message = "autoscaler must be keda, hpa or none."
  }
}

variable "min_replicas" {
  description = "Autoscaler floor; at least 1 because GitLab has no pending-jobs API for runners."
  type        = number
  default     = 2

  validation {
    condition     = var.min_replicas >= 1
    error_message = "min_replicas must be at least 1."
  }
}

variable "max_replicas" {
  description = "Autoscaler ceiling."
  type        = number
  default     = 10

  validation {
    condition     = var.max_replicas >= 1 && var.max_replicas <= 100
    error_message = "max_replicas must be from 1 to 100."
  }
}

variable "saturation_target" {
  description = "Target fleet saturation (running jobs / capacity) the autoscaler holds, between 0 and 1."
  type        = number
  default     = 0.7

  validation {
    condition     = var.saturation_target > 0 && var.saturation_target <= 1
    error_message = "saturation_target must be in (0, 1]."
  }
}

variable "prometheus_address" {
  description = "Prometheus the KEDA trigger queries."
  type        = string
  default     = "http://prometheus-operated.monitoring.svc:9090"

  validation {
    condition     = can(regex("^https?://", var.prometheus_address))
    error_message = "prometheus_address must be an http(s) URL."
  }
}

variable "service_monitor_enabled" {
  description = "Create a Prometheus Operator ServiceMonitor (needs the monitoring.coreos.com CRDs at plan time)."
  type        = bool
  default     = true
  nullable    = false
}

variable "monitoring_namespace" {
  description = "Namespace whose pods may scrape the metrics port (NetworkPolicy)."
  type        = string
  default     = "monitoring"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.monitoring_namespace))
    error_message = "monitoring_namespace must be a DNS-1123 label."
  }
}

variable "max_unavailable" {
  description = "PodDisruptionBudget maxUnavailable for agent pods."
  type        = number
  default     = 1

  validation {
    condition     = var.max_unavailable >= 1
    error_message = "max_unavailable must be at least 1, or node drains would block."
  }
}

variable "labels" {
  description = "Extra labels on every object."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.labels : length(v) <= 63])
    error_message = "label values must be at most 63 characters."
  }
}
