# Shared by the update-site scripts; sourced, not run.
# MVN_FLAGS adds Maven options to every call, e.g. MVN_FLAGS=-o for an offline build.

project="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$project/target/update-site-input"
read -r -a mvn_flags <<< "${MVN_FLAGS:-}"

mvn_run() {
	(cd "$project" && mvn -B -q -Dstyle.color=never "${mvn_flags[@]}" "$@")
}

# Runs one of the site tools (pure Java, compiled with the project).
site_tool() {
	local tool="$1"; shift
	java -cp "$project/target/classes" "org.ganomaly.fiji.updatesite.$tool" "$@"
}

ensure_compiled() {
	[ -f "$project/target/classes/org/ganomaly/fiji/updatesite/SiteBuilder.class" ] || mvn_run compile
}

# Copies the pom-scijava POM the project inherits from (Fiji's bill of materials) into $work
# and prints its path.
fiji_bom() {
	local version
	version="$(sed -n '/<parent>/,/<\/parent>/s:.*<version>\(.*\)</version>.*:\1:p' "$project/pom.xml")"
	[ -n "$version" ] || { echo "No <parent> version in $project/pom.xml" >&2; return 1; }
	mkdir -p "$work"
	mvn_run dependency:copy -Dartifact="org.scijava:pom-scijava:$version:pom" -DoutputDirectory="$work" >&2
	echo "$work/pom-scijava-$version.pom"
}
