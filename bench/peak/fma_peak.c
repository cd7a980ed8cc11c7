/* The CPU's attainable float32 peak: every thread runs independent chains of fused multiply-adds on registers
 * (no memory traffic), 512-bit (AVX-512) and 256-bit (AVX2) wide, and the best of several timed rounds is kept.
 * 2 FLOPs per lane per FMA. Built and run by bench/peak.sh. */
#include <immintrin.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#define CHAINS 12

static double now(void) { return omp_get_wtime(); }

/* Twelve named accumulators, so that the compiler keeps them in registers (an array would go through memory). */
#define DECLARE(T, set) T a0 = set(1), a1 = set(2), a2 = set(3), a3 = set(4), a4 = set(5), a5 = set(6), \
	a6 = set(7), a7 = set(8), a8 = set(9), a9 = set(10), a10 = set(11), a11 = set(12)
#define STEP(f) a0 = f(a0, m, c); a1 = f(a1, m, c); a2 = f(a2, m, c); a3 = f(a3, m, c); a4 = f(a4, m, c); \
	a5 = f(a5, m, c); a6 = f(a6, m, c); a7 = f(a7, m, c); a8 = f(a8, m, c); a9 = f(a9, m, c); \
	a10 = f(a10, m, c); a11 = f(a11, m, c)
#define SUM(add) add(add(add(add(a0, a1), add(a2, a3)), add(add(a4, a5), add(a6, a7))), add(add(a8, a9), add(a10, a11)))

__attribute__((target("avx512f"))) static float run512(long iterations) {
	__m512 m = _mm512_set1_ps(0.999999f), c = _mm512_set1_ps(1e-7f);
	DECLARE(__m512, _mm512_set1_ps);
	for (long i = 0; i < iterations; i++) {
		STEP(_mm512_fmadd_ps);
	}
	return _mm512_reduce_add_ps(SUM(_mm512_add_ps));
}

__attribute__((target("avx2,fma"))) static float run256(long iterations) {
	__m256 m = _mm256_set1_ps(0.999999f), c = _mm256_set1_ps(1e-7f);
	DECLARE(__m256, _mm256_set1_ps);
	for (long i = 0; i < iterations; i++) {
		STEP(_mm256_fmadd_ps);
	}
	float lanes[8], sum = 0;
	_mm256_storeu_ps(lanes, SUM(_mm256_add_ps));
	for (int l = 0; l < 8; l++) sum += lanes[l];
	return sum;
}

int main(int argc, char **argv) {
	int threads = argc > 1 ? atoi(argv[1]) : omp_get_max_threads();
	long iterations = 50000000L;
	int has512 = __builtin_cpu_supports("avx512f");
	for (int width = 512; width >= 256; width -= 256) {
		if (width == 512 && !has512) continue;
		double best = 0;
		volatile float sink = 0;
		for (int round = 0; round < 5; round++) {
			double start = now();
#pragma omp parallel num_threads(threads) reduction(+ : sink)
			sink += width == 512 ? run512(iterations) : run256(iterations);
			double seconds = now() - start;
			double gflops = 2.0 * (width / 32) * CHAINS * (double)iterations * threads / seconds / 1e9;
			if (gflops > best) best = gflops;
		}
		printf("{\"width\": %d, \"threads\": %d, \"gflops\": %.1f}\n", width, threads, best);
	}
	return 0;
}
