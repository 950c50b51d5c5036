#!/usr/bin/env bash
# Removes the installed hub: stops and disables the service, removes the unit, the code and the
# `hearth` command. The household's data (/var/lib/hearth, with its backups), the configuration
# (/etc/hearth) and the service user are kept unless --purge is given.
#
#   sudo systemd/uninstall.sh            # keep the data
#   sudo systemd/uninstall.sh --purge    # remove the data, backups, config and user as well
#   systemd/uninstall.sh --root DIR      # the same under a staging root; host commands are printed
set -euo pipefail

ROOT=/
PREFIX=/opt/hearth
PURGE=0
USER_NAME=hearth
DATA_DIR=/var/lib/hearth
CONFIG_DIR=/etc/hearth
UNIT_DIR=/etc/systemd/system
BIN_DIR=/usr/local/bin

die() { echo "uninstall: $*" >&2; exit 1; }
say() { echo "uninstall: $*"; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --root) ROOT="${2:?--root needs a directory}"; shift 2 ;;
    --root=*) ROOT="${1#*=}"; shift ;;
    --prefix) PREFIX="${2:?--prefix needs a directory}"; shift 2 ;;
    --prefix=*) PREFIX="${1#*=}"; shift ;;
    --purge) PURGE=1; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[[ "$PREFIX" == /* && "$PREFIX" != / ]] || die "--prefix must be an absolute path below /, not \"$PREFIX\""
ROOT="${ROOT%/}"
LIVE=0
[[ -z "$ROOT" ]] && LIVE=1
if [[ $LIVE -eq 0 ]]; then
  [[ -d "$ROOT" ]] || die "--root $ROOT is not a directory"
  ROOT="$(cd "$ROOT" && pwd)"
else
  [[ $(id -u) -eq 0 ]] || die "run as root (sudo), or pass --root"
fi

if [[ $LIVE -eq 1 ]]; then
  systemctl disable --now hearth.service 2>/dev/null || true
else
  echo "plan: systemctl disable --now hearth.service"
fi
rm -f "$ROOT$UNIT_DIR/multi-user.target.wants/hearth.service" "$ROOT$UNIT_DIR/hearth.service"
[[ $LIVE -eq 1 ]] && systemctl daemon-reload
rm -f "$ROOT$BIN_DIR/hearth"
rm -rf "$ROOT$PREFIX"
say "removed the service and the code in $PREFIX"

if [[ $PURGE -eq 1 ]]; then
  rm -rf "$ROOT$DATA_DIR" "$ROOT$CONFIG_DIR"
  if [[ $LIVE -eq 1 ]]; then
    if getent passwd "$USER_NAME" >/dev/null; then userdel "$USER_NAME"; fi
  else
    echo "plan: userdel $USER_NAME"
  fi
  say "purged the data, backups and config, and the user $USER_NAME"
else
  say "kept the data and backups in $DATA_DIR and the config in $CONFIG_DIR (remove them with --purge)"
fi
