output "namespace" {
  description = "Namespace of the agent and its job pods."
  value       = kubernetes_namespace_v1.this.metadata[0].name
}

output "deployment_name" {
  description = "Agent Deployment; `flywheel deploy --deployment` patches it."
  value       = kubernetes_deployment_v1.agent.metadata[0].name
}

output "service_account_name" {
  description = "Service account of the agent."
  value       = kubernetes_service_account_v1.agent.metadata[0].name
}

output "deployer_service_account_name" {
  description = "Service account of deploy jobs (executors/deploy.yaml serviceAccountName)."
  value       = kubernetes_service_account_v1.deployer.metadata[0].name
}

output "metrics_endpoint" {
  description = "In-cluster URL of /metrics (also /healthz, /readyz and the status page at /)."
  value       = "http://${kubernetes_service_v1.agent.metadata[0].name}.${kubernetes_namespace_v1.this.metadata[0].name}.svc:${var.metrics_port}/metrics"
}

output "config_toml" {
  description = "The rendered config.toml (no tokens in it)."
  value       = local.config_toml
}

output "termination_grace_period_seconds" {
  description = "Drain budget of an agent pod: shutdown_timeout + drain_margin_seconds."
  value       = var.shutdown_timeout + var.drain_margin_seconds
}

output "autoscaler" {
  description = "Which autoscaler manages the replicas (keda, hpa or none)."
  value       = var.autoscaler
}
