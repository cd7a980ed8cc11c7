package org.ganomaly.fiji.core.engine;

import java.util.stream.IntStream;

/**
 * Convolution by its definition, in double precision, on plain arrays in NCHW and [out, in, k, k] order: the
 * independent reference against which libtorch's kernels are checked. Each result element is summed by one
 * thread, in a fixed order, so the reference is exact to double rounding and the same on every machine.
 */
final class ReferenceConvolution {

	private final ConvolutionSpec s;
	private final int oh;
	private final int ow;

	ReferenceConvolution(ConvolutionSpec spec) {
		this.s = spec;
		this.oh = spec.outHeight();
		this.ow = spec.outWidth();
	}

	/** y[b, o, i, j] = Σ_c,a,e x[b, c, i·s − p + a, j·s − p + e] · w[o, c, a, e]. */
	double[] forward(float[] x, float[] w) {
		double[] y = new double[s.batch() * s.out() * oh * ow];
		IntStream.range(0, s.batch() * s.out()).parallel().forEach(bo -> {
			int b = bo / s.out(), o = bo % s.out();
			for (int i = 0; i < oh; i++)
				for (int j = 0; j < ow; j++) {
					double sum = 0;
					for (int c = 0; c < s.in(); c++)
						for (int a = 0; a < s.kernel(); a++) {
							int yy = i * s.stride() - s.padding() + a;
							if (yy < 0 || yy >= s.height()) continue;
							for (int e = 0; e < s.kernel(); e++) {
								int xx = j * s.stride() - s.padding() + e;
								if (xx >= 0 && xx < s.width())
									sum += (double) x[index(b, c, yy, xx, s.in(), s.height(), s.width())]
											* w[index(o, c, a, e, s.in(), s.kernel(), s.kernel())];
							}
						}
					y[index(b, o, i, j, s.out(), oh, ow)] = sum;
				}
		});
		return y;
	}

	/** ∂(Σ y·g)/∂x: every output position that read x[b, c, yy, xx], times its filter tap. */
	double[] inputGradient(float[] w, float[] g) {
		double[] dx = new double[s.batch() * s.in() * s.height() * s.width()];
		IntStream.range(0, s.batch() * s.in()).parallel().forEach(bc -> {
			int b = bc / s.in(), c = bc % s.in();
			for (int yy = 0; yy < s.height(); yy++)
				for (int xx = 0; xx < s.width(); xx++) {
					double sum = 0;
					for (int a = 0; a < s.kernel(); a++) {
						int iy = yy + s.padding() - a;
						if (iy < 0 || iy % s.stride() != 0 || iy / s.stride() >= oh) continue;
						for (int e = 0; e < s.kernel(); e++) {
							int ix = xx + s.padding() - e;
							if (ix < 0 || ix % s.stride() != 0 || ix / s.stride() >= ow) continue;
							for (int o = 0; o < s.out(); o++)
								sum += (double) g[index(b, o, iy / s.stride(), ix / s.stride(), s.out(), oh, ow)]
										* w[index(o, c, a, e, s.in(), s.kernel(), s.kernel())];
						}
					}
					dx[index(b, c, yy, xx, s.in(), s.height(), s.width())] = sum;
				}
		});
		return dx;
	}

	/** ∂(Σ y·g)/∂w: for each tap, the input it met at every output position, times the upstream gradient. */
	double[] weightGradient(float[] x, float[] g) {
		double[] dw = new double[s.out() * s.in() * s.kernel() * s.kernel()];
		IntStream.range(0, s.out() * s.in()).parallel().forEach(oc -> {
			int o = oc / s.in(), c = oc % s.in();
			for (int a = 0; a < s.kernel(); a++)
				for (int e = 0; e < s.kernel(); e++) {
					double sum = 0;
					for (int b = 0; b < s.batch(); b++)
						for (int i = 0; i < oh; i++) {
							int yy = i * s.stride() - s.padding() + a;
							if (yy < 0 || yy >= s.height()) continue;
							for (int j = 0; j < ow; j++) {
								int xx = j * s.stride() - s.padding() + e;
								if (xx >= 0 && xx < s.width())
									sum += (double) g[index(b, o, i, j, s.out(), oh, ow)]
											* x[index(b, c, yy, xx, s.in(), s.height(), s.width())];
							}
						}
					dw[index(o, c, a, e, s.in(), s.kernel(), s.kernel())] = sum;
				}
		});
		return dw;
	}

	private static int index(int n, int c, int y, int x, int channels, int height, int width) {
		return ((n * channels + c) * height + y) * width + x;
	}
}
