package org.ganomaly.fiji.core.choice;

/** A value of a choice, named by one lower-case word (the word macros, scripts and command lines give). */
public interface Word {

	String word();
}
