"""torch.profiler trace of the reference's training iterations or scoring batches, the Python side of
bench/profile.sh (the Java side is ProfileBench, libtorch's profiler through DJL). Same synthetic inputs and
settings as speed_ref.py.

    python3 bench/reference/profile_ref.py --config 32x1 --task infer --batch 64 --iters 5 --trace out.json
"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ganomaly_ref import Ganomaly  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--config', default='32x1')
    ap.add_argument('--task', choices=('train', 'infer'), default='train')
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--warmup', type=int, default=3)
    ap.add_argument('--iters', type=int, default=5)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--trace', required=True)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    isize, nc = (int(v) for v in a.config.lower().split('x'))
    gen = torch.Generator().manual_seed(0)
    model = Ganomaly(isize=isize, nc=nc, seed=0, device=torch.device('cpu'))
    x = torch.rand(a.batch, nc, isize, isize, generator=gen) * 2 - 1

    if a.task == 'train':
        def step():
            model.train_step(x)
    else:
        g = model.netg.eval()

        @torch.no_grad()
        def step():
            _, z, z_hat = g(x)
            return ((z - z_hat) ** 2).flatten(1).mean(1)
    for _ in range(a.warmup):
        step()
    with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU], record_shapes=True) as prof:
        for _ in range(a.iters):
            step()
    prof.export_chrome_trace(a.trace)
    print('torch %s, %d threads: %s' % (torch.__version__, torch.get_num_threads(), a.trace), file=sys.stderr)


if __name__ == '__main__':
    main()
