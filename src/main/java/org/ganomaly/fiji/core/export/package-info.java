/**
 * Export of a trained model for runtimes outside Fiji: the generator's scoring path as an ONNX graph (written with
 * ONNX's protobuf classes from Tribuo's {@code tribuo-util-onnx}) and a JSON description of the preprocessing,
 * threshold and calibration around it.
 */
package org.ganomaly.fiji.core.export;
