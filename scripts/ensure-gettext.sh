#!/usr/bin/env bash
# The translations are compiled with GNU gettext's msgfmt (docs/translation.md).
set -euo pipefail
command -v msgfmt >/dev/null && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing gettext for the translations (apt-get install gettext)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null
  exit 0
fi
cat >&2 <<MSG
The translations need GNU gettext (msgfmt) and it is missing.
Install it as root:   sudo apt-get update && sudo apt-get install -y gettext
(macOS: brew install gettext), then run the make command again.
MSG
exit 1
