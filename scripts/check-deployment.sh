#!/usr/bin/env bash
# Lint the deployment as code: k8s/ overlays render and validate strictly, Containerfiles pass hadolint,
# tofu/ is formatted, checkov finds nothing that docs/security.md does not explain.
# Usage: scripts/check-deployment.sh   (from anywhere; PyPI tools from .venv/ or $LINT_VENV, kubectl and
#        terraform/tofu from PATH, flywheel from $FLYWHEEL_BIN or .build/ when built)
# Runs every check, prints each result, and exits non-zero if any failed (2 if a tool is missing).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# The PyPI tools' virtualenv: .venv (make venv) unless LINT_VENV names another one.
VENV="${LINT_VENV:-$ROOT/.venv}/bin"
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
      skip "$(basename "$f" .yaml): custom resource, no schema in kubernetes-validate (its invariants are checked in the next step)"
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


  step "rendered invariants ($env): drain budget, tokens, ports, autoscaler floor, CRD references"
  if "$VENV/python" - "$WORK/$env.yaml" <<'PY'
import re, sys, tomllib, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
by = lambda kind: [d for d in docs if d["kind"] == kind]
bad = []
def check(cond, what):
    print(f"    {'ok' if cond else 'FAIL'}: {what}", file=sys.stdout if cond else sys.stderr)
    if not cond: bad.append(what)
dep = next(d for d in by("Deployment") if d["metadata"]["name"] == "flywheel")
pod = dep["spec"]["template"]["spec"]
cfg_name = next(v["configMap"]["name"] for v in pod["volumes"] if v["name"] == "config")
cfg_map = next(d for d in by("ConfigMap") if d["metadata"]["name"] == cfg_name)
cfg = tomllib.loads(cfg_map["data"]["config.toml"])
ns = dep["metadata"]["namespace"]
grace, shutdown = pod["terminationGracePeriodSeconds"], cfg.get("shutdown_timeout", 30)
check(grace >= shutdown + 15, f"terminationGracePeriodSeconds {grace} >= shutdown_timeout {shutdown} + 15 s margin")
port = int(cfg["listen_address"].rsplit(":", 1)[1])
agent = pod["containers"][0]
check(any(p["containerPort"] == port and p["name"] == "metrics" for p in agent["ports"]), f"container port 'metrics' is listen_address port {port}")
for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")):
    g = agent[probe]["httpGet"]
    check(g["path"] == path and g["port"] == "metrics", f"{probe} is {path} on the metrics port")
check(all("token" not in r for r in cfg["runners"]), "no runner has an inline token (token_file only)")
mounts = {m["name"]: m["mountPath"] for m in agent["volumeMounts"]}
check(all(r.get("token_file", "").startswith(mounts["runner-tokens"] + "/") for r in cfg["runners"]), "every token_file is in the runner-tokens Secret mount")
check(not any(d["kind"] == "Secret" for d in docs), "no Secret is rendered (tokens come from an existing Secret)")
check(all(r["kubernetes"]["namespace"] == ns for r in cfg["runners"]), f"every runner's job namespace is the overlay namespace {ns}")
prof_cm = next(d for d in by("ConfigMap") if d["metadata"]["name"] == next(v["configMap"]["name"] for v in pod["volumes"] if v["name"] == "executors"))
check(all(f'{r["kubernetes"]["profile"]}.yaml' in prof_cm["data"] for r in cfg["runners"]), "every runner's profile is in the executors ConfigMap")
check(pod.get("automountServiceAccountToken") is True and all(d.get("automountServiceAccountToken") is False for d in by("ServiceAccount")),
      "only the agent pod mounts a token; service accounts default to no automount")
scalers = by("ScaledObject") + by("HorizontalPodAutoscaler")
check(len(scalers) == 1, f"exactly one autoscaler (found {[d['kind'] for d in scalers]})")
for d in by("ScaledObject"):
    check(d["spec"]["minReplicaCount"] >= 1 and d["spec"]["scaleTargetRef"]["name"] == "flywheel", "ScaledObject: minReplicaCount >= 1, targets Deployment flywheel")
    q = d["spec"]["triggers"][0]["metadata"]["query"]
    check(f'namespace="{ns}"' in q and "flywheel_jobs_running" in q and "flywheel_capacity" in q, "ScaledObject query: saturation in this namespace")
for d in by("HorizontalPodAutoscaler"):
    check(d["spec"]["minReplicas"] >= 1, "HPA: minReplicas >= 1")
    check(d["spec"]["metrics"][0]["external"]["metric"]["selector"]["matchLabels"]["namespace"] == ns, "HPA external metric selects this namespace")
svc = next(d for d in by("Service") if d["metadata"]["name"] == "flywheel")
for d in by("ServiceMonitor"):
    check(all(e["port"] in [p["name"] for p in svc["spec"]["ports"]] for e in d["spec"]["endpoints"]), "ServiceMonitor endpoint port exists on Service flywheel")
sys.exit(1 if bad else 0)
PY
  then :; else fail "rendered invariants ($env)"; fi
done

# ---------------------------------------------------------------------------------------------------
step "job pods: every overlay runner's pod (flywheel pod-spec) loads its config and profile and validates strictly"
# Needs a built flywheel (FLYWHEEL_BIN, else .build/debug or .build/release); never builds one.
bin="${FLYWHEEL_BIN:-}"
for b in .build/debug/flywheel .build/release/flywheel; do [[ -n "$bin" || ! -x "$b" ]] || bin="$b"; done
if [[ -z "$bin" || ! -x "$bin" ]]; then
  skip "no flywheel binary (set FLYWHEEL_BIN or run swift build); job pod specs not checked"
else
  cp "$bin" "$WORK/flywheel"   # a copy: a concurrent `swift build` may replace the original
  mkdir -p "$WORK/pods/secrets"
  for p in docker dind rocky8 rocky9 nix deploy; do echo "glrt-check-$p" > "$WORK/pods/secrets/$p"; done
  # A payload as GitLab sends it; with and without `image:` (fixed-image profiles refuse job images).
  "$VENV/python" - "$WORK/pods" <<'PY'
import json, sys
job = {"id": 42, "token": "job-token", "allow_git_fetch": True,
       "job_info": {"name": "check", "stage": "test", "project_id": 1, "project_name": "flywheel", "project_full_path": "demo/flywheel"},
       "git_info": {"repo_url": "https://gitlab.example.com/demo/flywheel.git", "ref": "main", "sha": "0" * 40, "ref_type": "branch", "refspecs": [], "depth": 5},
       "variables": [{"key": "CI_PROJECT_PATH", "value": "demo/flywheel", "public": True}],
       "steps": [{"name": "script", "script": ["true"], "timeout": 3600, "when": "on_success", "allow_failure": False}],
       "image": None, "services": [], "artifacts": [], "cache": [], "dependencies": [], "features": {}}
job.pop("image")
json.dump(job, open(f"{sys.argv[1]}/job.json", "w"))
job["image"] = {"name": "registry.example.com/flywheel/flywheel:0.1.0"}
json.dump(job, open(f"{sys.argv[1]}/job-image.json", "w"))
PY
  for overlay in k8s/overlays/*/; do
    env="$(basename "$overlay")"
    sed -e "s#/run/secrets/flywheel#$WORK/pods/secrets#" -e "s#/etc/flywheel/executors#$ROOT/k8s/base/executors#" \
        -e "s#/var/lib/flywheel/builds#$WORK/pods/builds#" "$overlay/config.toml" > "$WORK/pods/$env.toml"
    for runner in $(sed -n 's/^ *name = "\(.*\)"$/\1/p' "$WORK/pods/$env.toml"); do
      out="$WORK/pods/$runner.yaml"
      if ! "$WORK/flywheel" pod-spec --config "$WORK/pods/$env.toml" --runner "$runner" --job "$WORK/pods/job-image.json" > "$out" 2> "$WORK/pods/err" &&
         ! "$WORK/flywheel" pod-spec --config "$WORK/pods/$env.toml" --runner "$runner" --job "$WORK/pods/job.json" > "$out" 2> "$WORK/pods/err"; then
        fail "$env/$runner: flywheel pod-spec: $(head -n 3 "$WORK/pods/err")"; continue
      fi
      "$VENV/python" -c 'import sys, yaml; [open(f"{sys.argv[1]}.{i}.yaml", "w").write(yaml.safe_dump(d)) for i, d in enumerate(x for x in yaml.safe_load_all(open(sys.argv[1])) if x)]' "$out"
      args=(); for v in "${K8S_VERSIONS[@]}"; do args+=(-k "$v"); done
      if res="$("$VENV/kubernetes-validate" --strict --quiet "${args[@]}" "$out".*.yaml 2>&1)" && [[ -z "$res" ]]; then
        ok "$env/$runner: Secret and Pod validate"
      else
        fail "$env/$runner: $res"
      fi
      # The namespace's enforced Pod Security level must admit the pod (the baseline rules that job
      # profiles could break: privileged, host namespaces, hostPath, added capabilities).
      level="$("$VENV/python" -c 'import sys, yaml; print(next(d for d in yaml.safe_load_all(open(sys.argv[1])) if d and d["kind"] == "Namespace")["metadata"]["labels"]["pod-security.kubernetes.io/enforce"])' "$WORK/$env.yaml")"
      if [[ "$level" == baseline ]]; then
        if why="$("$VENV/python" - "$out" <<'PY'
import sys, yaml
pod = next(d for d in yaml.safe_load_all(open(sys.argv[1])) if d and d["kind"] == "Pod")["spec"]
allowed = {"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"}
bad = [k for k in ("hostNetwork", "hostPID", "hostIPC") if pod.get(k)]
bad += [f"volume {v['name']} is hostPath" for v in pod.get("volumes", []) if "hostPath" in v]
for c in pod.get("initContainers", []) + pod["containers"]:
    sc = c.get("securityContext") or {}
    if sc.get("privileged"): bad.append(f"{c['name']} is privileged")
    extra = set((sc.get("capabilities") or {}).get("add", [])) - allowed
    if extra: bad.append(f"{c['name']} adds {sorted(extra)}")
print("; ".join(bad)); sys.exit(1 if bad else 0)
PY
)"; then ok "$env/$runner: admitted by Pod Security baseline"; else fail "$env/$runner: Pod Security baseline would refuse it: $why"; fi
      fi
    done
  done
fi

# ---------------------------------------------------------------------------------------------------
step ".gitlab-ci.yml: stages, environments, deploy safety"
if "$VENV/python" - .gitlab-ci.yml <<'PY'
import sys, yaml
ci = yaml.safe_load(open(sys.argv[1]))
bad = []
def check(cond, what):
    print(f"    {'ok' if cond else 'FAIL'}: {what}", file=sys.stdout if cond else sys.stderr)
    if not cond: bad.append(what)
def job(name):
    j = dict(ci[name]); base = j.pop("extends", None)
    return {**job(base), **j} if base else j
check(ci["stages"] == ["validate", "build", "test", "deploy", "verify"], "stages are validate, build, test, deploy, verify")
jobs = {n: job(n) for n in ci if not n.startswith(".") and isinstance(ci[n], dict) and n not in ("workflow", "variables", "default")}
def runs(stage, text): return any(j.get("stage") == stage and text in " ".join(j.get("script", [])) for j in jobs.values())
check(runs("validate", "scripts/check-deployment.sh"), "a validate job runs scripts/check-deployment.sh")
check(runs("build", "buildah build"), "build jobs use buildah (no Docker daemon)")
check(runs("test", "make test"), "a test job runs make test")
expect = {"dev": "merge_request_event", "staging": "CI_DEFAULT_BRANCH", "prod": "CI_COMMIT_TAG"}
for env, trigger in expect.items():
    j = job(f"deploy:{env}")
    script = " ".join(j["script"])
    check(j.get("interruptible") is False, f"deploy:{env} is not interruptible")
    check(j.get("resource_group") == "flywheel-$DEPLOY_ENV" and j["variables"]["DEPLOY_ENV"] == env, f"deploy:{env} has resource_group flywheel-{env}")
    check(all(f in script for f in ("flywheel deploy", "--environment", "--image", '--revision "$CI_PIPELINE_IID"')), f"deploy:{env} runs flywheel deploy --environment --image --revision $CI_PIPELINE_IID")
    rule = j["rules"][0]
    check(trigger in rule["if"], f"deploy:{env} runs on {trigger}")
    check((rule.get("when") == "manual") == (env == "prod"), f"deploy:{env} is {'manual' if env == 'prod' else 'automatic'}")
    check(any(t.startswith("flywheel-deploy-") for t in j["tags"]), f"deploy:{env} runs on the fleet's deploy runner")
    check(f"verify:{env}" in ci and "/readyz" in " ".join(job(f"verify:{env}")["script"]), f"verify:{env} checks /readyz")
sys.exit(1 if bad else 0)
PY
then :; else fail ".gitlab-ci.yml invariants"; fi

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
elif "$fmt_tool" fmt -check -recursive -diff tofu 2> "$WORK/fmt.err"; then
  ok "$fmt_tool fmt: tofu/ is formatted"
else
  grep -v -e 'terraformrc' -e 'CLI configuration' "$WORK/fmt.err" >&2 || true
  fail "$fmt_tool fmt -check -recursive tofu (run: $fmt_tool fmt -recursive tofu)"
fi

# ---------------------------------------------------------------------------------------------------
step "checkov on k8s/ (rendered overlays) and tofu/ (config .checkov.yaml; every skip is explained in docs/security.md)"
if [[ ! -x "$VENV/checkov" ]]; then
  skip "checkov is not installed in .venv (make venv); security scan not run"
else
  # Every check skipped in .checkov.yaml must have its own line in docs/security.md.
  # Skips live in .checkov.yaml (global) or inline (`#checkov:skip=ID:reason`, `checkov.io/skip…` annotations).
  for id in $( { grep -oE 'CKV2?_[A-Z0-9]+_[0-9]+' .checkov.yaml; grep -rhoE 'checkov(:skip=|\.io/skip[0-9]+: *)CKV2?_[A-Z0-9]+_[0-9]+' k8s tofu | grep -oE 'CKV2?_[A-Z0-9]+_[0-9]+'; } | sort -u); do
    grep -q "$id" docs/security.md && ok "$id skip is explained in docs/security.md" || fail "$id is skipped but not explained in docs/security.md"
  done
  mkdir -p "$WORK/checkov-k8s"
  for env in "$WORK"/*.yaml; do cp "$env" "$WORK/checkov-k8s/"; done
  # Rendered overlays (what is applied), the raw base and components (kustomize framework), and tofu/.
  # The rendered overlays are what gets applied; scanning them covers base, components and patches.
  for target in "$WORK/checkov-k8s:kubernetes" "tofu:terraform"; do
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
