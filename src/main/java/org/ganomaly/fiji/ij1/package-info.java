/**
 * ImageJ 1.x entry points: the menu entries of {@code plugins.config} run the SciJava commands of
 * {@code org.ganomaly.fiji.command} with a GenericDialog, so the same {@code run("Score Stack", "...")} macro lines
 * work in Fiji and in plain ImageJ 1.x (with the plugin jar in {@code plugins/} and its dependencies in
 * {@code jars/}).
 * <p>
 * Fiji registers both the ImageJ 1.x menu entries and SciJava commands that have a menu path. To show each command
 * once, the SciJava commands have no menu path and these entries own the menu everywhere; in Fiji they run the
 * commands in Fiji's own SciJava context.
 */
package org.ganomaly.fiji.ij1;
