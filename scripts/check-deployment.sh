#!/usr/bin/env bash
# Lint the deployment as code: k8s/ overlays render and validate strictly, Containerfiles pass hadolint,
# tofu/ is formatted, checkov finds nothing that docs/security.md does not explain.
# Usage: scripts/check-deployment.sh   (from anywhere; tools come from .venv/ and PATH)
# Exits non-zero on the first failing check group after printing every failure in it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv/bin"
# Validate against the oldest Kubernetes minor we support and the newest schema the tool ships.
K8S_VERSIONS=(1.30.0 1.37.0)
# Custom resources: kubernetes-validate has no schema for them (it would only warn and pass).
CRD_KINDS=(ServiceMonitor ScaledObject)

failures=0
step() { printf '\n==> %s\n' "$*"; }
ok() { printf '    ok: %s\n' "$*"; }
skip() { printf '    SKIP: %s\n' "$*"; }
fail() { printf '    FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
need() { [[ -x "$1" ]] || { printf 'missing %s: run `make venv` (see Makefile PYPI_PACKAGES)\n' "$1" >&2; exit 2; }; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# ---------------------------------------------------------------------------------------------------
step "executor profiles: k8s/base/executors/ is a copy of executors/ (kustomize cannot load files outside k8s/)"
for f in executors/*.yaml; do
  if cmp -s "$f" "k8s/base/executors/$(basename "$f")"; then ok "$f"; else fail "k8s/base/executors/$(basename "$f") differs from $f (cp executors/*.yaml k8s/base/executors/)"; fi
done

# ---------------------------------------------------------------------------------------------------
step "autoscaling metric names exist in the agent's /metrics (Sources/Agent)"
for m in flywheel_jobs_running flywheel_capacity; do
  if grep -rqs "\"$m\"" Sources/Agent; then ok "$m is exported by the agent"; else fail "$m is used by k8s/ or tofu/ autoscaling but not exported by Sources/Agent"; fi
done
for m in $(grep -rhoE 'flywheel_[a-z_]+' k8s/components tofu/modules --include='*.yaml' --include='*.tf' | sort -u); do
  case "$m" in
    flywheel_fleet_saturation) ok "$m is the adapter's External metric (defined in the adapter rule, not the agent)";;
    *) grep -rqs "\"$m\"" Sources/Agent && ok "$m referenced and exported" || fail "$m referenced in k8s/ or tofu/ but not exported by Sources/Agent";;
  esac
done

# ---------------------------------------------------------------------------------------------------
need "$VENV/kubernetes-validate"
for overlay in k8s/overlays/*/; do
  env="$(basename "$overlay")"
  step "kustomize: render $overlay"
  if ! kubectl kustomize "$overlay" > "$WORK/$env.yaml"; then fail "kubectl kustomize $overlay"; continue; fi
  ok "$(grep -c '^kind:' "$WORK/$env.yaml") objects rendered"

  step "kubernetes-validate --strict ($env, Kubernetes ${K8S_VERSIONS[*]})"
  mkdir -p "$WORK/$env"
  # One file per object, named after its kind, so CRD kinds can be set aside by name.
  "$VENV/python" - "$WORK/$env.yaml" "$WORK/$env" <<'PY'
import sys, yaml
src, out = sys.argv[1], sys.argv[2]
for i, doc in enumerate(d for d in yaml.safe_load_all(open(src)) if d):
    with open(f"{out}/{i:03d}-{doc['kind']}-{doc['metadata']['name']}.yaml", "w") as f:
        yaml.safe_dump(doc, f, sort_keys=False)
PY
  for f in "$WORK/$env"/*.yaml; do
    kind="$(basename "$f" | cut -d- -f2)"
    if [[ " ${CRD_KINDS[*]} " == *" $kind "* ]]; then
      skip "$(basename "$f" .yaml): custom resource, no schema in kubernetes-validate (checked by checkov and at apply time)"
      continue
    fi
    args=()
    for v in "${K8S_VERSIONS[@]}"; do args+=(-k "$v"); done
    if out="$("$VENV/kubernetes-validate" --strict --quiet "${args[@]}" "$f" 2>&1)" && [[ -z "$out" ]]; then
      ok "$(basename "$f" .yaml)"
    else
      fail "$(basename "$f" .yaml): $out"
    fi
  done
done

# ---------------------------------------------------------------------------------------------------
step "hadolint on every Containerfile (config .hadolint.yaml)"
need "$VENV/hadolint"
mapfile -t containerfiles < <(find images -name 'Containerfile*' -type f | sort)
[[ ${#containerfiles[@]} -gt 0 ]] || fail "no Containerfile under images/"
for f in "${containerfiles[@]}"; do
  if "$VENV/hadolint" --config .hadolint.yaml "$f"; then ok "$f"; else fail "hadolint $f"; fi
done

# ---------------------------------------------------------------------------------------------------
step "fmt -check -recursive tofu"
fmt_tool=""
for t in tofu terraform; do command -v "$t" >/dev/null 2>&1 && { fmt_tool="$t"; break; }; done
if [[ -z "$fmt_tool" ]]; then
  skip "neither tofu nor terraform is installed; tofu/ formatting not checked"
elif "$fmt_tool" fmt -check -recursive -diff tofu; then
  ok "$fmt_tool fmt: tofu/ is formatted"
else
  fail "$fmt_tool fmt -check -recursive tofu (run: $fmt_tool fmt -recursive tofu)"
fi

# ---------------------------------------------------------------------------------------------------
step "checkov on k8s/ (rendered overlays) and tofu/ (config .checkov.yaml; every skip is explained in docs/security.md)"
if [[ ! -x "$VENV/checkov" ]]; then
  skip "checkov is not installed in .venv (make venv); security scan not run"
else
  # Every check skipped in .checkov.yaml must have its own line in docs/security.md.
  for id in $(grep -oE 'CKV2?_[A-Z0-9]+_[0-9]+' .checkov.yaml | sort -u); do
    grep -q "$id" docs/security.md && ok "$id skip is explained in docs/security.md" || fail "$id is skipped in .checkov.yaml but not explained in docs/security.md"
  done
  mkdir -p "$WORK/checkov-k8s"
  for env in "$WORK"/*.yaml; do cp "$env" "$WORK/checkov-k8s/"; done
  # Rendered overlays (what is applied), the raw base and components (kustomize framework), and tofu/.
  for target in "$WORK/checkov-k8s:kubernetes" "k8s:kustomize" "tofu:terraform"; do
    dir="${target%%:*}" fw="${target##*:}"
    label="$dir"; [[ "$dir" == "$WORK/checkov-k8s" ]] && label="rendered k8s/overlays/*"
    if "$VENV/checkov" --config-file .checkov.yaml --directory "$dir" --framework "$fw" --compact --quiet > "$WORK/checkov.out" 2>&1; then
      ok "checkov $fw: $label ($(grep -hoE 'Passed checks: [0-9]+, Failed checks: [0-9]+, Skipped checks: [0-9]+' "$WORK/checkov.out" | paste -sd';' -))"
    else
      cat "$WORK/checkov.out" >&2
      fail "checkov $fw on $label"
    fi
  done
fi

# ---------------------------------------------------------------------------------------------------
if [[ $failures -gt 0 ]]; then
  printf '\n%d check(s) failed\n' "$failures" >&2
  exit 1
fi
printf '\nall deployment checks passed\n'
