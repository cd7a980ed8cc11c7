/**
 * The SciJava commands Train GANomaly, Score Stack, ROC Evaluation and Install PyTorch Engine, and the helpers they
 * share.
 * <p>
 * Parameter field names are written in snake_case on purpose: a field's name, lower-cased, is its macro key
 * ({@code run("Score Stack", "source=folder input_folder=[/data] ...")}), and ImageJ 1.x also matches a key as the
 * suffix of a longer key after a non-letter, so every command keeps its keys readable and none a suffix of another.
 */
package org.ganomaly.fiji.command;
