/**
 * Building, checking and installing the Fiji update site of the plugin (update-site/build-site.sh); no part of the
 * commands.
 */
package org.ganomaly.fiji.updatesite;
