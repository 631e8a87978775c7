#!/usr/bin/env bash
# `make run`: runs every job of the example pipeline (examples/pipeline/.gitlab-ci.yml) with
# `flywheel exec` — shell executor, no GitLab, no cluster, no network — printing each trace live.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(swift build --show-bin-path)"
pipeline=examples/pipeline/.gitlab-ci.yml
bold() { printf '\033[1m%s\033[0m\n' "$*"; }
# exec clones the repository's HEAD; a fresh clone has one, a bare tree gets an empty job directory.
vars=(); git rev-parse HEAD >/dev/null 2>&1 || vars=(--var GIT_STRATEGY=none)
for job in $("$bin/flywheel" exec --file "$pipeline"); do
  bold "== flywheel exec $job"
  "$bin/flywheel" exec --file "$pipeline" "${vars[@]}" "$job"
  bold "== $job: succeeded"
done
bold "all example jobs succeeded (the GitLab-simulator demo is \`make demo\`)"
