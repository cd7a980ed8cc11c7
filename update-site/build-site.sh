#!/usr/bin/env bash
# Builds the GANomaly update site, or updates an existing one, from this project's build:
#   update-site/build-site.sh [SITE_DIR]        (default: target/update-site)
# Packages the plugin (tests skipped), lists its runtime dependencies with Maven, puts the
# plugin, the macros/*.ijm and the dependencies Fiji lacks on the site, then validates it.
# See update-site/README.md.
set -euo pipefail
source "$(dirname "$0")/common.sh"

site="$(realpath -m "${1:-$project/target/update-site}")"

echo "Packaging the plugin..."
mvn_run package -DskipTests
# The jar plugin records the coordinates of the jar it just built.
artifact_id="$(sed -n 's/^artifactId=//p' "$project/target/maven-archiver/pom.properties")"
version="$(sed -n 's/^version=//p' "$project/target/maven-archiver/pom.properties")"
plugin_jar="$project/target/$artifact_id-$version.jar"
[ -f "$plugin_jar" ] || { echo "Missing $plugin_jar after packaging" >&2; exit 1; }

echo "Resolving runtime dependencies..."
mkdir -p "$work"
mvn_run dependency:list -DincludeScope=runtime -DoutputAbsoluteArtifactFilename=true \
	-DoutputFile="$work/runtime-dependencies.txt"
bom="$(fiji_bom)"

ensure_compiled
site_tool SiteBuilder --site "$site" --plugin "$plugin_jar" \
	--dependencies "$work/runtime-dependencies.txt" --fiji-bom "$bom" \
	--metadata "$project/update-site/site.properties" --macros "$project/macros"
site_tool SiteValidator "$site" --fiji-bom "$bom"
