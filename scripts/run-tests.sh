#!/usr/bin/env bash
# Runs the test suite (arguments go to `swift test`) and, when it fails, repeats the failure lines at
# the end: CI logs keep only their tail, where a failed test's name would otherwise have scrolled out.
set -uo pipefail
log=$(mktemp -t flywheel-tests.XXXXXX)
trap 'rm -f "$log"' EXIT
swift test "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then
    echo
    echo "== failures (repeated from above) =="
    grep -a '✘' "$log" | cut -c1-600 | head -40
fi
exit "$status"
