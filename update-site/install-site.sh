#!/usr/bin/env bash
# Installs the current files of an update-site folder into an ImageJ or Fiji folder, as the
# Fiji updater would (timestamps stripped, other versions of the same files removed):
#   update-site/install-site.sh SITE_DIR IMAGEJ_DIR
# See update-site/README.md.
set -euo pipefail
source "$(dirname "$0")/common.sh"

[ $# -eq 2 ] || { echo "Usage: $0 SITE_DIR IMAGEJ_DIR" >&2; exit 2; }
ensure_compiled
site_tool SiteInstaller "$(realpath "$1")" "$(realpath -m "$2")"
