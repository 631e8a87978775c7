variable "kubeconfig" {
  description = "Kubeconfig of the target cluster."
  type        = string
  default     = "~/.kube/config"

  validation {
    condition     = length(var.kubeconfig) > 0
    error_message = "kubeconfig must not be empty."
  }
}

variable "kube_context" {
  description = "Kubeconfig context of the environment's cluster (beehive for dev, rigel for prod)."
  type        = string

  validation {
    condition     = length(var.kube_context) > 0
    error_message = "kube_context must name a context."
  }
}

variable "environment" {
  description = "dev, staging or prod."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "namespace" {
  description = "Namespace of the agent and its job pods."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.namespace))
    error_message = "namespace must be a DNS-1123 label."
  }
}

variable "image" {
  description = "Flywheel image for the first apply; `flywheel deploy` owns it afterwards."
  type        = string

  validation {
    condition     = can(regex("[:@]", var.image)) && !endswith(var.image, ":latest")
    error_message = "image must be pinned by a tag other than latest or by a digest."
  }
}

variable "gitlab_url" {
  description = "GitLab instance."
  type        = string

  validation {
    condition     = can(regex("^https://", var.gitlab_url))
    error_message = "gitlab_url must be https."
  }
}

variable "runners" {
  description = "Runners of this environment (name suffix, profile, limit)."
  type = list(object({
    name    = string
    profile = string
    limit   = optional(number, 0)
  }))

  validation {
    condition     = length(var.runners) > 0
    error_message = "at least one runner."
  }
}

variable "replicas" {
  description = "Initial agent replicas."
  type        = number

  validation {
    condition     = var.replicas >= 1
    error_message = "replicas must be at least 1."
  }
}

variable "min_replicas" {
  description = "Autoscaler floor (>= 1)."
  type        = number

  validation {
    condition     = var.min_replicas >= 1
    error_message = "min_replicas must be at least 1."
  }
}

variable "max_replicas" {
  description = "Autoscaler ceiling."
  type        = number

  validation {
    condition     = var.max_replicas >= 1
    error_message = "max_replicas must be at least 1."
  }
}

variable "autoscaler" {
  description = "keda, hpa or none."
  type        = string

  validation {
    condition     = contains(["keda", "hpa", "none"], var.autoscaler)
    error_message = "autoscaler must be keda, hpa or none."
  }
}

variable "concurrent" {
  description = "Jobs per agent."
  type        = number

  validation {
    condition     = var.concurrent >= 1
    error_message = "concurrent must be at least 1."
  }
}

variable "shutdown_timeout" {
  description = "Drain deadline in seconds."
  type        = number

  validation {
    condition     = var.shutdown_timeout >= 0
    error_message = "shutdown_timeout must be >= 0."
  }
}

variable "pod_security_enforce" {
  description = "privileged (dind allowed) or baseline."
  type        = string

  validation {
    condition     = contains(["privileged", "baseline"], var.pod_security_enforce)
    error_message = "pod_security_enforce must be privileged or baseline."
  }
}

variable "resources" {
  description = "Agent container requests and limits."
  type = object({
    requests_cpu    = string
    requests_memory = string
    limits_cpu      = string
    limits_memory   = string
  })
}
