package org.ganomaly.fiji.spark;

import java.io.Serializable;

/** An image file of the job: its place in the input order and its URI. */
record InputFile(int index, String uri) implements Serializable {}
