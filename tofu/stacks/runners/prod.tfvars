kube_context         = "rigel"
environment          = "prod"
namespace            = "flywheel-prod"
image                = "registry.example.com/flywheel/flywheel:0.1.0"
gitlab_url           = "https://gitlab.example.com"
replicas             = 3
min_replicas         = 3
max_replicas         = 20
autoscaler           = "keda"
concurrent           = 20
shutdown_timeout     = 60
pod_security_enforce = "baseline"
resources = {
  requests_cpu    = "200m"
  requests_memory = "256Mi"
  limits_cpu      = "2"
  limits_memory   = "1Gi"
}
runners = [
  { name = "docker", profile = "docker" },
  { name = "rocky8", profile = "rocky8" },
  { name = "rocky9", profile = "rocky9" },
  { name = "nix", profile = "nix" },
  { name = "deploy", profile = "deploy", limit = 1 },
]
