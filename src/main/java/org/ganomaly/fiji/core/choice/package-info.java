/**
 * The words of the commands' and the Spark job's choices, one vocabulary per choice, and their one parser: an
 * unknown word stops a run before any work with a message naming the key, the word and the allowed words.
 */
package org.ganomaly.fiji.core.choice;
