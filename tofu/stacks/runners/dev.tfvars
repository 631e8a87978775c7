kube_context         = "beehive"
environment          = "dev"
namespace            = "flywheel-dev"
image                = "registry.example.com/flywheel/flywheel:0.1.0-dev"
gitlab_url           = "https://gitlab.example.com"
replicas             = 1
min_replicas         = 1
max_replicas         = 3
autoscaler           = "hpa"
concurrent           = 10
shutdown_timeout     = 30
pod_security_enforce = "privileged"
resources = {
  requests_cpu    = "50m"
  requests_memory = "96Mi"
  limits_cpu      = "500m"
  limits_memory   = "256Mi"
}
runners = [
  { name = "docker", profile = "docker" },
  { name = "dind", profile = "dind" },
  { name = "rocky8", profile = "rocky8" },
  { name = "rocky9", profile = "rocky9" },
  { name = "nix", profile = "nix" },
  { name = "deploy", profile = "deploy", limit = 1 },
]
