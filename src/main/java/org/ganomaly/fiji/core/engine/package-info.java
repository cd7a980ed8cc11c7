/**
 * The PyTorch engine through DJL: starting it, and checking that libtorch's convolution kernels compute correctly on
 * this CPU (choosing padded oneDNN or ATen kernels when they do not). Depends on nothing else in core.
 */
package org.ganomaly.fiji.core.engine;
