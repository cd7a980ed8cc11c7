"""The reference's generator in eval mode without gradients, module by module: each module of encoder1, decoder
and encoder2 timed on its own with the wall clock, as LayerTimeBench times the plugin's layers. Prints one JSON
object per module (median milliseconds per batch).

    python3 bench/reference/layer_time_ref.py --config 32x1 --batch 64 --warmup 5 --reps 20
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ganomaly_ref import Ganomaly  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--config', default='32x1')
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--warmup', type=int, default=5)
    ap.add_argument('--reps', type=int, default=20)
    ap.add_argument('--threads', type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    isize, nc = (int(v) for v in a.config.lower().split('x'))
    g = Ganomaly(isize=isize, nc=nc, seed=0, device=torch.device('cpu')).netg.eval()
    x0 = torch.rand(a.batch, nc, isize, isize, generator=torch.Generator().manual_seed(0)) * 2 - 1
    # glibc raises its mmap and trim thresholds to the size of a freed mapped block (of up to 32 MB). Training does
    # that before speed_ref.py's inference; here one 30 MB block does it, so that the modules are timed in the same
    # allocator state, without a page fault for every fresh tensor (bench/RESULTS.md, issue 24).
    block = torch.empty(30 << 20, dtype=torch.uint8)
    del block
    parts = [('encoder1', g.encoder1.main), ('decoder', g.decoder.main), ('encoder2', g.encoder2.main)]
    times, shapes, kinds = {}, {}, {}
    with torch.no_grad():
        for rep in range(a.warmup + a.reps):
            x = x0
            for name, seq in parts:
                for i, module in enumerate(seq):
                    t0 = time.perf_counter()
                    x = module(x)
                    t1 = time.perf_counter()
                    key = (name, i)
                    kinds[key] = type(module).__name__
                    shapes[key] = tuple(x.shape)
                    if rep >= a.warmup:
                        times.setdefault(key, []).append((t1 - t0) * 1000)
    for (name, i), v in times.items():
        print(json.dumps({'side': 'torch ' + torch.__version__, 'part': name, 'index': i, 'layer': kinds[(name, i)],
                          'output': str(shapes[(name, i)]), 'ms_median': round(statistics.median(v), 3)}))


if __name__ == '__main__':
    main()
