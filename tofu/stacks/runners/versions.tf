terraform {
  required_version = ">= 1.6.0"

  required_providers {
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.35"
    }
  }

  # State per environment: tofu init -backend-config=<env>.backend.hcl (kept out of the repository).
  backend "kubernetes" {}
}

provider "kubernetes" {
  config_path    = var.kubeconfig
  config_context = var.kube_context
}
