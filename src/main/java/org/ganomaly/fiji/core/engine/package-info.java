/**
 * The PyTorch engine through DJL: starting it, what CUDA's runtime says about the GPUs, and one device's convolution
 * kernels, checked to compute correctly there (on the CPU, choosing padded oneDNN or ATen kernels when they do not;
 * on a GPU, with TF32 as chosen). Depends on nothing else in core.
 */
package org.ganomaly.fiji.core.engine;
