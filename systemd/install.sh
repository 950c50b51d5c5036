#!/usr/bin/env bash
# Installs the built hub as a systemd service on 64-bit Raspberry Pi OS (or any Debian with systemd).
#
#   sudo systemd/install.sh                  # after `make build`: install, create the user, enable, start
#   systemd/install.sh --root /tmp/stage     # lay the files out under a staging root; nothing is run on
#                                            # the host (the user and systemctl steps are printed instead)
#
# Options: --root DIR (default /), --prefix DIR (default /opt/hearth), --node PATH (default: node on
# PATH), --deps ci|copy|none (production node_modules: `npm ci --omit=dev` in the target, a copy of
# this tree's, or nothing), --no-start (enable but do not start now).
set -euo pipefail

ROOT=/
PREFIX=/opt/hearth
NODE=""
DEPS=ci
START=1
USER_NAME=hearth
DATA_DIR=/var/lib/hearth
CONFIG_DIR=/etc/hearth
UNIT_DIR=/etc/systemd/system
BIN_DIR=/usr/local/bin

die() { echo "install: $*" >&2; exit 1; }
say() { echo "install: $*"; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --root) ROOT="${2:?--root needs a directory}"; shift 2 ;;
    --root=*) ROOT="${1#*=}"; shift ;;
    --prefix) PREFIX="${2:?--prefix needs a directory}"; shift 2 ;;
    --prefix=*) PREFIX="${1#*=}"; shift ;;
    --node) NODE="${2:?--node needs a path}"; shift 2 ;;
    --node=*) NODE="${1#*=}"; shift ;;
    --deps) DEPS="${2:?--deps needs ci, copy or none}"; shift 2 ;;
    --deps=*) DEPS="${1#*=}"; shift ;;
    --no-start) START=0; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

case "$DEPS" in ci|copy|none) ;; *) die "--deps must be ci, copy or none, not \"$DEPS\"" ;; esac
[[ "$PREFIX" == /* ]] || die "--prefix must be an absolute path, not \"$PREFIX\""
ROOT="${ROOT%/}"
LIVE=0
[[ -z "$ROOT" ]] && LIVE=1
if [[ $LIVE -eq 0 ]]; then
  [[ -d "$ROOT" ]] || die "--root $ROOT is not a directory"
  ROOT="$(cd "$ROOT" && pwd)"
fi

SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ -f "$SRC/dist/hub/cli/main.js" ]] || die "the hub is not built: run \`make build\` in $SRC first"

if [[ $LIVE -eq 1 ]]; then
  [[ $(id -u) -eq 0 ]] || die "run as root (sudo), or pass --root to stage the files elsewhere"
  command -v systemctl >/dev/null || die "systemctl not found: this installer needs systemd"
  arch="$(uname -m)"
  [[ "$arch" == aarch64 || "$arch" == x86_64 ]] || say "warning: built for 64-bit Raspberry Pi OS; this machine is $arch"
fi

if [[ -z "$NODE" ]]; then NODE="$(command -v node || true)"; fi
[[ -n "$NODE" ]] || die "Node.js 20 or later is needed (none on PATH; pass --node)"
[[ "$NODE" == /* ]] || die "--node must be an absolute path, not \"$NODE\""
if [[ -x "$NODE" ]]; then
  major="$("$NODE" -p 'process.versions.node.split(".")[0]')"
  [[ "$major" -ge 20 ]] || die "Node.js 20 or later is needed; $NODE is $("$NODE" --version)"
elif [[ $LIVE -eq 1 ]]; then
  die "$NODE is not executable"
fi

target="$ROOT$PREFIX"
staging="$target.new.$$"
say "installing the hub from $SRC into $target"
rm -rf "$staging"
trap 'rm -rf "$staging"' EXIT
mkdir -p "$staging/dist" "$staging/ui" "$staging/systemd"
# Compiled code without the tests and benchmarks.
for part in "$SRC"/dist/*; do
  case "$(basename "$part")" in test|bench) ;; *) cp -R "$part" "$staging/dist/" ;; esac
done
[[ -d "$SRC/ui/dist" ]] && cp -R "$SRC/ui/dist" "$staging/ui/dist"
mkdir -p "$staging/models"
for model in "$SRC"/models/*/; do
  name="$(basename "$model")"
  [[ "$name" == train ]] && continue
  [[ -f "$model/model.json" ]] || continue
  cp -R "$model" "$staging/models/$name"
done
# The food composition table NutriVerse searches, with its provenance.
mkdir -p "$staging/data"
cp -R "$SRC/data/food" "$staging/data/food"
cp "$SRC/package.json" "$SRC/package-lock.json" "$SRC/hearth.example.yaml" "$staging/"
cp "$SRC/systemd/README.md" "$SRC/systemd/hearth.yaml" "$SRC/systemd/uninstall.sh" "$staging/systemd/"
case "$DEPS" in
  ci)
    say "installing production dependencies (npm ci --omit=dev)"
    # The CUDA libraries onnxruntime-node's install script would fetch are never loaded (see the Makefile).
    (cd "$staging" && ONNXRUNTIME_NODE_INSTALL=skip npm ci --omit=dev --no-audit --no-fund --loglevel=error) ;;
  copy) cp -R "$SRC/node_modules" "$staging/node_modules" ;;
  none) say "no node_modules installed (--deps none)" ;;
esac
# Swap in one step, so that an upgrade never leaves half a tree behind.
if [[ -e "$target" ]]; then
  rm -rf "$target.old"
  mv "$target" "$target.old"
fi
mkdir -p "$(dirname "$target")"
mv "$staging" "$target"
rm -rf "$target.old"

# The service account, the data directory and the configuration.
run_or_plan() {
  if [[ $LIVE -eq 1 ]]; then "$@"; else printf 'plan:'; printf ' %q' "$@"; printf '\n'; fi
}
if [[ $LIVE -eq 1 ]] && getent passwd "$USER_NAME" >/dev/null; then
  say "user $USER_NAME exists"
else
  run_or_plan useradd --system --user-group --home-dir "$DATA_DIR" --no-create-home --shell /usr/sbin/nologin --comment "Hearth health hub" "$USER_NAME"
fi
# Serial oximeters need the serial ports' group; the BLE adapter's D-Bus policy names `bluetooth`.
for group in dialout bluetooth; do
  if [[ $LIVE -eq 0 ]]; then
    echo "plan: usermod --append --groups $group $USER_NAME (when the group exists)"
  elif getent group "$group" >/dev/null; then
    usermod --append --groups "$group" "$USER_NAME"
  fi
done
mkdir -p "$ROOT$DATA_DIR/backups" "$ROOT$CONFIG_DIR"
chmod 0750 "$ROOT$DATA_DIR" "$ROOT$DATA_DIR/backups"
run_or_plan chown -R "$USER_NAME:$USER_NAME" "$DATA_DIR"
if [[ -e "$ROOT$CONFIG_DIR/hearth.yaml" ]]; then
  say "keeping the existing $CONFIG_DIR/hearth.yaml"
else
  install -m 0640 "$SRC/systemd/hearth.yaml" "$ROOT$CONFIG_DIR/hearth.yaml"
  run_or_plan chown "root:$USER_NAME" "$CONFIG_DIR/hearth.yaml"
fi

# The `hearth` command, with the installed service's config and data.
mkdir -p "$ROOT$BIN_DIR"
cat > "$ROOT$BIN_DIR/hearth" <<WRAPPER
#!/bin/sh
# Runs the installed hub's command line with the service's config and data directory.
# Commands that write the data (backup, restore) should run as the service user: sudo -u $USER_NAME hearth …
export HEARTH_CONFIG="\${HEARTH_CONFIG:-$CONFIG_DIR/hearth.yaml}"
export HEARTH_DATA_DIR="\${HEARTH_DATA_DIR:-$DATA_DIR}"
exec "$NODE" "$PREFIX/dist/hub/cli/main.js" "\$@"
WRAPPER
chmod 0755 "$ROOT$BIN_DIR/hearth"

# The unit, with this installation's paths.
mkdir -p "$ROOT$UNIT_DIR"
sed -e "s|@PREFIX@|$PREFIX|g" -e "s|@NODE@|$NODE|g" "$SRC/systemd/hearth.service" > "$ROOT$UNIT_DIR/hearth.service"
chmod 0644 "$ROOT$UNIT_DIR/hearth.service"
if [[ $LIVE -eq 1 ]]; then
  systemctl daemon-reload
  systemctl enable hearth.service
  if [[ $START -eq 1 ]]; then
    systemctl restart hearth.service
    say "started; follow it with: journalctl -u hearth -f"
  fi
else
  # What `systemctl enable` does, without a running systemd.
  mkdir -p "$ROOT$UNIT_DIR/multi-user.target.wants"
  ln -sfn "$UNIT_DIR/hearth.service" "$ROOT$UNIT_DIR/multi-user.target.wants/hearth.service"
  echo "plan: systemctl daemon-reload && systemctl enable --now hearth.service"
fi
say "done: hub in $PREFIX, data in $DATA_DIR, config in $CONFIG_DIR/hearth.yaml"
