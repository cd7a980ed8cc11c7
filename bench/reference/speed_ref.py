"""Timing harness for the Python baseline (ganomaly_ref.py) on synthetic data.

    /usr/bin/python3 bench/reference/speed_ref.py --threads 2 --out bench/out/speed-ref.json

Per configuration (default isize 32 nc 1, and isize 64 nc 3):
  * training: ms per reference iteration at batch 64 (G step + D step), after
    --warmup iterations, over --repeats runs of --iters iterations each;
  * inference: images/s of the score computation (NetG forward + mean (z - z_hat)^2)
    with BatchNorm in eval mode under torch.no_grad, at each of --infer-batches.
Inputs are seeded uniform noise in [-1, 1] (the content does not change the cost).

    python3 bench/reference/speed_ref.py --device cuda --precisions float32,float16 --tf32 off

--device cuda runs on the first GPU: every timed span ends with torch.cuda.synchronize(), so the
time is the GPU's, not the launch queue's; --precisions adds float16 inference (the generator cast to
half, as the plugin's half_precision computes it); --tf32 sets torch.backends.cudnn.allow_tf32 and
torch.backends.cuda.matmul.allow_tf32 (off by default, as the plugin sets libtorch).

Threads: Debian's torch 1.13 starts with torch.get_num_threads() == 1 on this
2-CPU machine. Its default is c10::TaskThreadPoolBase::defaultNumThreads(), which in
this version is std::thread::hardware_concurrency() / 2 on x86-64 (a guess at
physical cores assuming 2-way SMT; see /usr/include/c10/core/thread_pool.h), used
when OMP_NUM_THREADS / MKL_NUM_THREADS are unset; importing torch._C then calls
omp_set_num_threads(1). Newer PyTorch asks cpuinfo for the core count instead.
So this harness always calls torch.set_num_threads(--threads) and reports what it got.

BLAS: this torch has no MKL and links the system libblas.so.3; on a stock Debian
that is the netlib reference BLAS. Transposed convolutions run as
aten::slow_conv_transpose2d (im2col + BLAS gemm) and dominate the forward time,
while ordinary convolutions go to oneDNN. The BLAS actually loaded is reported;
bench/reference/openblas-env.sh gives an OpenBLAS to compare against.
"""
import argparse
import copy
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ganomaly_ref import write_json, Ganomaly, count_params  # noqa: E402


def loaded_blas():
    """Shared libraries with 'blas' in their name mapped into this process."""
    with open('/proc/self/maps') as f:
        return sorted({ln.split()[-1] for ln in f if 'blas' in ln.lower() and '/' in ln})


def loadavg():
    with open('/proc/loadavg') as f:
        return [float(v) for v in f.read().split()[:3]]


def parallel_summary():
    keep = ('at::get_num_threads', 'at::get_num_interop_threads', 'OpenMP', 'omp_get_max_threads',
            'MKL', 'hardware_concurrency', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS', 'parallel backend')
    return [ln.strip() for ln in torch.__config__.parallel_info().splitlines() if any(k in ln for k in keep)]


def synchronize(device):
    """Waits for the GPU's queued work, so that a timed span ends when the work does."""
    if device.type == 'cuda':
        torch.cuda.synchronize(device)


def time_training(model, batches, warmup, repeats, iters, device):
    for i in range(warmup):
        model.train_step(batches[i % len(batches)])
    per_iter, per_repeat = [], []
    k = 0
    for _ in range(repeats):
        synchronize(device)
        t_rep = time.perf_counter()
        for _ in range(iters):
            t = time.perf_counter()
            model.train_step(batches[k % len(batches)])
            synchronize(device)
            per_iter.append((time.perf_counter() - t) * 1000)
            k += 1
        per_repeat.append((time.perf_counter() - t_rep) * 1000 / iters)
    return {'ms_per_iter_median': statistics.median(per_iter), 'ms_per_iter_min': min(per_iter),
            'ms_per_iter_max': max(per_iter), 'ms_per_iter_repeat_means': per_repeat,
            'timed_iters': len(per_iter), 'warmup_iters': warmup}


@torch.no_grad()
def time_inference(model, x, repeats, passes, precision):
    g = model.netg
    if precision == 'float16':
        g = copy.deepcopy(g).half()
        x = x.half()
    g.eval()
    try:
        def score():
            _, z, z_hat = g(x)
            return ((z.float() - z_hat.float()) ** 2).flatten(1).mean(1)
        score()                                            # warm-up
        synchronize(x.device)
        rates = []
        for _ in range(repeats):
            t = time.perf_counter()
            for _ in range(passes):
                score()
            synchronize(x.device)
            rates.append(x.shape[0] * passes / (time.perf_counter() - t))
    finally:
        g.train()
    return {'batch': x.shape[0], 'precision': precision, 'images_per_s_median': statistics.median(rates),
            'images_per_s_min': min(rates), 'images_per_s_max': max(rates), 'passes_per_repeat': passes}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--interop-threads', type=int, default=None, help='torch.set_num_interop_threads (default: leave)')
    ap.add_argument('--configs', default='32x1,64x3', help='comma list of ISIZExNC')
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--warmup', type=int, default=2)
    ap.add_argument('--repeats', type=int, default=3)
    ap.add_argument('--iters', type=int, default=5, help='training iterations per repeat')
    ap.add_argument('--infer-batches', default='64,512')
    ap.add_argument('--infer-images', type=int, default=1024, help='images per inference repeat (rounded up to whole batches)')
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--device', default='cpu', help='cpu, cuda or cuda:N')
    ap.add_argument('--precisions', default='float32', help='inference precisions: float32 and/or float16')
    ap.add_argument('--tf32', choices=('off', 'on'), default='off', help='cuDNN/cuBLAS TF32 for float32 on a GPU')
    ap.add_argument('--out', default=None, help='JSON file (default: stdout)')
    a = ap.parse_args()
    device = torch.device(a.device)
    torch.backends.cudnn.allow_tf32 = a.tf32 == 'on'
    torch.backends.cuda.matmul.allow_tf32 = a.tf32 == 'on'

    torch.set_num_threads(a.threads)
    if a.interop_threads is not None:
        torch.set_num_interop_threads(a.interop_threads)
    env = {k: os.environ.get(k) for k in ('OMP_NUM_THREADS', 'MKL_NUM_THREADS', 'OPENBLAS_NUM_THREADS',
                                          'OPENBLAS_CORETYPE', 'LD_LIBRARY_PATH')}
    result = {'torch': torch.__version__, 'threads_requested': a.threads,
              'num_threads': torch.get_num_threads(), 'num_interop_threads': torch.get_num_interop_threads(),
              'parallel_info': parallel_summary(), 'blas': loaded_blas(), 'env': env,
              'cpus': os.cpu_count(), 'loadavg_start': loadavg(), 'device': str(device),
              'gpu': torch.cuda.get_device_name(device) if device.type == 'cuda' else None,
              'tf32': a.tf32, 'configs': []}
    print('threads %d (interop %d), blas %s, load %s' % (result['num_threads'], result['num_interop_threads'],
          result['blas'], result['loadavg_start']), file=sys.stderr)

    for spec in a.configs.split(','):
        isize, nc = (int(v) for v in spec.lower().split('x'))
        gen = torch.Generator().manual_seed(a.seed)
        model = Ganomaly(isize=isize, nc=nc, seed=a.seed, device=device)
        batches = [(torch.rand(a.batch, nc, isize, isize, generator=gen) * 2 - 1).to(device) for _ in range(4)]
        cfg = {'isize': isize, 'nc': nc, 'batch': a.batch,
               'params_g': count_params(model.netg), 'params_d': count_params(model.netd)}
        cfg['train'] = time_training(model, batches, a.warmup, a.repeats, a.iters, device)
        print('%dx%d train: median %.0f ms/iter (min %.0f, max %.0f)' % (
            isize, nc, cfg['train']['ms_per_iter_median'], cfg['train']['ms_per_iter_min'],
            cfg['train']['ms_per_iter_max']), file=sys.stderr)
        cfg['inference'] = []
        for b in (int(v) for v in a.infer_batches.split(',')):
            x = (torch.rand(b, nc, isize, isize, generator=gen) * 2 - 1).to(device)
            for precision in a.precisions.split(','):
                r = time_inference(model, x, a.repeats, max(1, -(-a.infer_images // b)), precision)
                cfg['inference'].append(r)
                print('%dx%d inference batch %d %s: %.0f images/s (min %.0f, max %.0f)' % (
                    isize, nc, b, precision, r['images_per_s_median'], r['images_per_s_min'],
                    r['images_per_s_max']), file=sys.stderr)
        result['configs'].append(cfg)

    result['loadavg_end'] = loadavg()
    write_json(result, a.out)


if __name__ == '__main__':
    main()
