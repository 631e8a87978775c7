# The Flywheel fleet of one environment: tofu -chdir=tofu/stacks/runners plan -var-file=dev.tfvars
# The runner-token Secret is created out of band (docs/operations.md, "Bootstrap").

locals {
  # The repository's executor profiles, plus the deploy profile that exists only for the cluster.
  executor_profiles = merge(
    { for f in fileset("${path.root}/../../../executors", "*.yaml") : f => file("${path.root}/../../../executors/${f}") },
    { "deploy.yaml" = file("${path.root}/../../../k8s/base/executors/deploy.yaml") },
  )
}

module "flywheel" {
  source = "../../modules/flywheel-runner"

  environment          = var.environment
  namespace            = var.namespace
  image                = var.image
  gitlab_url           = var.gitlab_url
  runners              = var.runners
  executor_profiles    = local.executor_profiles
  replicas             = var.replicas
  min_replicas         = var.min_replicas
  max_replicas         = var.max_replicas
  autoscaler           = var.autoscaler
  concurrent           = var.concurrent
  shutdown_timeout     = var.shutdown_timeout
  pod_security_enforce = var.pod_security_enforce
  resources            = var.resources
}

output "namespace" {
  description = "Namespace of the fleet."
  value       = module.flywheel.namespace
}

output "deployment_name" {
  description = "Deployment `flywheel deploy` patches."
  value       = module.flywheel.deployment_name
}

output "metrics_endpoint" {
  description = "In-cluster /metrics URL."
  value       = module.flywheel.metrics_endpoint
}
