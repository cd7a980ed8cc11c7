#!/usr/bin/env bash
# Checks an update-site folder against the Fiji update-site format:
#   update-site/validate-site.sh SITE_DIR
# Exit status 0 if valid, 1 if not. See update-site/README.md.
set -euo pipefail
source "$(dirname "$0")/common.sh"

[ $# -eq 1 ] || { echo "Usage: $0 SITE_DIR" >&2; exit 2; }
site="$(realpath "$1")"
ensure_compiled
bom="$(fiji_bom)"
site_tool SiteValidator "$site" --fiji-bom "$bom"
