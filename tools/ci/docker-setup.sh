#!/usr/bin/env bash
# Makes the `containers` topology provider testable on a machine with no running Docker engine and
# no reachable image registry (this CI kind):
#   1. installs docker.io and debootstrap when missing (Debian packages: the one registry we reach);
#   2. starts a private dockerd (own data root, exec root and socket; no bridge, no iptables: the
#      containers use host networking, so all traffic stays on loopback) unless it already runs,
#      and waits until it answers;
#   3. builds a PostgreSQL 15 image without any registry (debootstrap + docker import), cached twice:
#      the image itself in the private data root, and its root filesystem as a tarball, so CI pays
#      the debootstrap once per machine and a wiped data root costs only a re-import;
#   4. prints the environment the tests need, one `export` per line, on stdout (logs go to stderr):
#        eval "$(bash tools/ci/docker-setup.sh)"
# Idempotent: a second run finds everything in place and only prints the environment.
# Run as root. Overrides: REPLICABENCH_DOCKER_ROOT, REPLICABENCH_DEBIAN_MIRROR.
set -euo pipefail

# Bump when the image recipe below changes: the tag (and the cached rootfs) encode it.
recipe=r1
image="replicabench/postgres:15-bookworm-${recipe}"

root="${REPLICABENCH_DOCKER_ROOT:-/var/lib/replicabench-docker}"
# The exec root holds containerd's sockets: keep its path short (unix socket paths max 108 bytes).
exec_root=/run/replicabench-docker
socket="${exec_root}/docker.sock"
cache="${root}/cache"
rootfs_tar="${cache}/postgres-15-bookworm-${recipe}.rootfs.tar"

log() { echo "docker-setup: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
  log "must run as root (it installs packages and starts dockerd)"
  exit 1
fi

mkdir -p "$root" "$cache" "$exec_root"
# One setup at a time: two CI runs must not start two daemons on one socket or build twice.
exec 9>"${root}/setup.lock"
flock 9

# --- 1. packages -----------------------------------------------------------------------------------
need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
if [ ${#need[@]} -gt 0 ]; then
  log "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

docker_cli() { DOCKER_HOST="unix://${socket}" DOCKER_API_VERSION=1.41 docker "$@"; }

# --- 2. the daemon ---------------------------------------------------------------------------------
if docker_cli version >/dev/null 2>&1; then
  log "dockerd already answers on ${socket}"
else
  pidfile="${exec_root}/dockerd.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    log "dockerd (pid $(cat "$pidfile")) runs but does not answer yet; waiting for it"
  else
    # A daemon killed with its machine's session leaves a stale pid file and sockets behind.
    rm -f "$pidfile" "$socket"
    log "starting dockerd (data root ${root}/data, socket ${socket})"
    # Detached, with no descriptor of ours: an inherited pipe (the caller's output, a CI runner's)
    # would keep the caller waiting for the daemon, and fd 9 would hold the setup lock forever.
    (
      for fd in /proc/$BASHPID/fd/*; do
        fd=${fd##*/}
        [ "$fd" -gt 2 ] && eval "exec ${fd}>&-" 2>/dev/null
      done
      exec setsid dockerd \
        --data-root "${root}/data" \
        --exec-root "$exec_root" \
        --pidfile "$pidfile" \
        --host "unix://${socket}" \
        --bridge=none --iptables=false --ip6tables=false \
        >"${root}/dockerd.log" 2>&1 </dev/null
    ) &
  fi

  # dockerd takes a few seconds (longer on a busy 2-core machine): wait, do not fail early.
  for _ in $(seq 1 120); do
    docker_cli version >/dev/null 2>&1 && break
    sleep 0.5
  done
  if ! docker_cli version >/dev/null 2>&1; then
    log "dockerd did not answer within 60 s; last lines of ${root}/dockerd.log:"
    tail -n 20 "${root}/dockerd.log" >&2 || true
    exit 1
  fi
  log "dockerd answers"
fi

# Containers left by a previous run whose processes were killed with the machine's session
# (only this private daemon's, and only ReplicaBench's: they carry its label).
leftovers=$(docker_cli ps -aq --filter label=replicabench.managed=true)
if [ -n "$leftovers" ]; then
  log "removing $(echo "$leftovers" | wc -l) leftover ReplicaBench container(s)"
  # shellcheck disable=SC2086
  docker_cli rm -f -v $leftovers >/dev/null
fi

# --- 3. the image ----------------------------------------------------------------------------------
debian_mirror() {
  if [ -n "${REPLICABENCH_DEBIAN_MIRROR:-}" ]; then echo "$REPLICABENCH_DEBIAN_MIRROR"; return; fi
  # The mirror apt already uses (deb822 .sources or a one-line sources.list), security suites excluded.
  local uri
  uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -n 1 || true)
  [ -n "$uri" ] || uri=$(grep -hs '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | grep -v security | head -n 1 || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

build_rootfs() {
  local work="${cache}/rootfs.tmp"
  rm -rf "$work"
  local mirror
  mirror=$(debian_mirror)
  log "building the PostgreSQL 15 root filesystem with debootstrap from ${mirror} (about two minutes)"
  if ! debootstrap --variant=minbase --include=postgresql-15 bookworm "$work" "$mirror" >"${cache}/debootstrap.log" 2>&1; then
    log "debootstrap failed; last lines of ${cache}/debootstrap.log:"
    tail -n 20 "${cache}/debootstrap.log" >&2
    rm -rf "$work"
    exit 1
  fi
  # Nothing a throwaway server needs: package caches and lists, docs, translations, and the
  # cluster the Debian package creates on install (the provider runs initdb itself).
  rm -rf "$work"/var/cache/apt/archives/*.deb "$work"/var/lib/apt/lists/* \
    "$work"/usr/share/doc "$work"/usr/share/man "$work"/usr/share/locale \
    "$work"/var/lib/postgresql/15 "$work"/etc/postgresql/15
  # PGDATA as in the official image: owned by the server's user, empty.
  mkdir -p "$work"/var/lib/postgresql/data
  chroot "$work" chown -R postgres:postgres /var/lib/postgresql
  tar -C "$work" -cf "${rootfs_tar}.tmp" .
  mv "${rootfs_tar}.tmp" "$rootfs_tar"
  rm -rf "$work"
}

if docker_cli image inspect "$image" >/dev/null 2>&1; then
  log "image ${image} is cached"
else
  [ -f "$rootfs_tar" ] || build_rootfs
  log "importing ${image} from ${rootfs_tar}"
  # The settings the official postgres image has and the provider relies on: server binaries on
  # PATH, PGDATA, the postgres user. Debian's engine (20.10) accepts no STOPSIGNAL in `import
  # --change`, but `commit` keeps a container's stop signal: SIGINT, PostgreSQL's fast shutdown.
  staging="${image}-staging"
  docker_cli import \
    --change 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV PGDATA=/var/lib/postgresql/data' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'USER postgres' \
    --change 'WORKDIR /var/lib/postgresql' \
    --change 'EXPOSE 5432' \
    --change 'CMD ["postgres"]' \
    "$rootfs_tar" "$staging" >/dev/null
  holder=$(docker_cli create --stop-signal SIGINT --label replicabench.managed=true "$staging")
  docker_cli commit "$holder" "$image" >/dev/null
  docker_cli rm "$holder" >/dev/null
  docker_cli rmi "$staging" >/dev/null
  [ "$(docker_cli image inspect -f '{{.Config.StopSignal}}' "$image")" = SIGINT ] || { log "image ${image} lacks its stop signal"; exit 1; }
fi

# --- 4. the environment ----------------------------------------------------------------------------
echo "export DOCKER_HOST=unix://${socket}"
# Debian's engine (20.10) speaks API 1.41; newer clients must not ask for more.
echo "export DOCKER_API_VERSION=1.41"
# Testcontainers' reaper (Ryuk) is an image that cannot be pulled here; ReplicaBench cleans up by label.
echo "export TESTCONTAINERS_RYUK_DISABLED=true"
echo "export REPLICABENCH_TEST_IMAGE=${image}"
