#!/usr/bin/env bash
# `make run`: starts the GitLab simulator on loopback, registers a runner with the real `flywheel register`,
# runs `flywheel run` (shell executor), enqueues the jobs in examples/jobs, prints each job's trace as GitLab
# received it, checks each final state against the one in the file name, and stops the agent with SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(swift build --show-bin-path)"
work="$(mktemp -d)"
sim_pid=""; agent_pid=""
cleanup() {
  [ -n "$agent_pid" ] && kill -TERM "$agent_pid" 2>/dev/null && wait "$agent_pid" 2>/dev/null || true
  [ -n "$sim_pid" ] && kill -TERM "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

bold() { printf '\033[1m%s\033[0m\n' "$*"; }

bold "== starting the GitLab simulator"
"$bin/flywheel-sim" gitlab --port 0 --long-poll-seconds 10 --trace-update-interval 1 >"$work/sim.json" 2>"$work/sim.log" &
sim_pid=$!
for _ in $(seq 1 200); do [ -s "$work/sim.json" ] && break; sleep 0.05; done
url="$(sed -n 's/.*"url" *: *"\([^"]*\)".*/\1/p' "$work/sim.json")"
registration_token="$(sed -n 's/.*"registration_token" *: *"\([^"]*\)".*/\1/p' "$work/sim.json")"
[ -n "$url" ] || { echo "the simulator did not start:"; cat "$work/sim.log"; exit 1; }
echo "GitLab simulator at $url"

bold "== flywheel register (legacy registration token → POST /api/v4/runners)"
"$bin/flywheel" register --config "$work/config.toml" --url "$url" --token "$registration_token" --name demo-shell --builds-dir "$work/builds"
sed -i 's/^concurrent = .*/concurrent = 2/; s/^check_interval = .*/check_interval = 1/' "$work/config.toml"
"$bin/flywheel" list --config "$work/config.toml"

bold "== flywheel run (agent log prefixed with [agent])"
"$bin/flywheel" run --config "$work/config.toml" 2> >(sed -u 's/^/[agent] /' >&2) &
agent_pid=$!

sha="$(git rev-parse HEAD 2>/dev/null || true)"
ids=(); expected=()
for file in examples/jobs/*.json; do
  payload="$(sed -e "s|@REPO_URL@|file://$PWD|g" -e "s|@SHA@|$sha|g" "$file")"
  answer="$(curl -sS -X POST -H 'Content-Type: application/json' --data-binary "$payload" "$url/-/sim/jobs")"
  id="$(printf '%s' "$answer" | sed -n 's/.*"id" *: *\([0-9]*\).*/\1/p')"
  ids+=("$id"); expected+=("$(basename "$file" .json | awk -F. '{print $NF}')")
  echo "enqueued $(basename "$file") as job $id"
done

failures=0
for i in "${!ids[@]}"; do
  id="${ids[$i]}"
  snapshot="$(curl -sS "$url/-/sim/jobs/$id/wait?timeout=120")"
  state="$(printf '%s' "$snapshot" | sed -n 's/.*"state" *: *"\([^"]*\)".*/\1/p')"
  reason="$(printf '%s' "$snapshot" | sed -n 's/.*"failure_reason" *: *"\([^"]*\)".*/\1/p')"
  bold "== trace of job $id as GitLab received it"
  curl -sS "$url/-/sim/jobs/$id/trace"
  verdict="as expected"; [ "$state" = "${expected[$i]}" ] || { verdict="EXPECTED ${expected[$i]}"; failures=$((failures+1)); }
  bold "== job $id: $state${reason:+ ($reason)} — $verdict"
done

bold "== stopping the agent with SIGTERM (drain)"
kill -TERM "$agent_pid"; wait "$agent_pid" || true; agent_pid=""
[ "$failures" = 0 ] && bold "all example jobs ended as expected" || { bold "$failures job(s) did not end as expected"; exit 1; }
