#!/usr/bin/env bash
# The load test's reverse proxy (`--proxy haproxy|nginx`): Debian's HAProxy 2.6 or nginx 1.22.
# Installs the package with apt-get when the binary is missing (as root); idempotent.
#   bash scripts/ensure-proxy.sh haproxy
set -euo pipefail
proxy="${1:-haproxy}"
case "$proxy" in
  haproxy) binary=haproxy ;;
  nginx) binary=nginx ;;
  *) echo "usage: $0 haproxy|nginx" >&2; exit 2 ;;
esac
PATH="$PATH:/usr/sbin:/sbin"
command -v "$binary" >/dev/null && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing $proxy for the load test's reverse proxy (apt-get install $proxy)..."
  apt-get update -qq
  # policy-rc.d 101: the package must not start its own system service; the load run starts
  # the proxy in the foreground with a configuration of its own.
  policy=/usr/sbin/policy-rc.d
  created=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$proxy" >/dev/null
  if [ -n "$created" ]; then rm -f "$policy"; fi
  command -v "$binary" >/dev/null && exit 0
fi
cat >&2 <<MSG
The load test's --proxy $proxy needs $binary, and it is missing.
Install it as root:   sudo apt-get update && sudo apt-get install -y $proxy
then run the load test again.
MSG
exit 1
