/**
 * Writing files whole or not at all, readable as the umask says, checked for writability before long work.
 */
package org.ganomaly.fiji.core.io;
