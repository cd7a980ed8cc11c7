# Shared by the update-site scripts; sourced, not run.
# MVN_FLAGS adds Maven options to every call, e.g. MVN_FLAGS=-o for an offline build.

project="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$project/target/update-site-input"
read -r -a mvn_flags <<< "${MVN_FLAGS:-}"

mvn_run() {
	# The plugin's POM: the root pom.xml aggregates it with the Spark module.
	(cd "$project" && mvn -B -q -Dstyle.color=never -f plugin.xml "${mvn_flags[@]}" "$@")
}

tool_sources="$project/src/tool/java"
tool_classes="$project/target/tool-classes"

# Runs one of the site tools (src/tool/java: JDK only, not part of the plugin jar).
site_tool() {
	local tool="$1"; shift
	java -cp "$tool_classes" "org.ganomaly.fiji.updatesite.$tool" "$@"
}

# Compiles the site tools when they are missing or older than their sources.
ensure_compiled() {
	local marker="$tool_classes/org/ganomaly/fiji/updatesite/SiteBuilder.class"
	if [ ! -f "$marker" ] || [ -n "$(find "$tool_sources" -name '*.java' -newer "$marker")" ]; then
		mkdir -p "$tool_classes"
		find "$tool_sources" -name '*.java' -print0 | xargs -0 javac --release 17 -encoding UTF-8 -d "$tool_classes"
	fi
}

# Copies the pom-scijava POM the project inherits from (Fiji's bill of materials) into $work
# and prints its path.
fiji_bom() {
	local version
	version="$(sed -n '/<parent>/,/<\/parent>/s:.*<version>\(.*\)</version>.*:\1:p' "$project/plugin.xml")"
	[ -n "$version" ] || { echo "No <parent> version in $project/plugin.xml" >&2; return 1; }
	mkdir -p "$work"
	mvn_run dependency:copy -Dartifact="org.scijava:pom-scijava:$version:pom" -DoutputDirectory="$work" >&2
	echo "$work/pom-scijava-$version.pom"
}
