"""Train the reference re-statement on a split file and report test AUC per epoch.

    /usr/bin/python3 bench/reference/quality_ref.py --split bench/data/splits/mnist-abn2-seed0.split \
        --idx-dir bench/data/mnist --epochs 15 --seed 0 --threads 2 --out bench/out/quality-abn2-seed0.json

After every epoch the whole test set is scored twice: with BatchNorm batch
statistics (the reference's test(), batches of 64 in a seeded random order) and
with BatchNorm in eval mode (running statistics). "best" is the highest test AUC
over epochs (model selection on test labels, as the reference reports it);
"final" is the last epoch's.
"""
import argparse
import os
import statistics
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ganomaly_ref import write_json, Ganomaly  # noqa: E402
from protocol import BENCH, load_split_tensors  # noqa: E402


def auc(labels, scores):
    """Area under the ROC curve, positive = label 1, ties counted half.
    Mann-Whitney form: P(score of a random positive > a random negative) + 0.5 P(equal).
    The reference min-max scales scores first; that is monotonic, so AUC is unchanged."""
    y = np.asarray(labels).astype(bool)
    s = np.asarray(scores, dtype=np.float64)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        return float('nan')
    order = np.argsort(s, kind='mergesort')
    s_sorted = s[order]
    ranks = np.empty(len(s))
    # average rank (1-based) within each run of equal scores
    starts = np.r_[0, np.flatnonzero(np.diff(s_sorted)) + 1]
    ends = np.r_[starts[1:], len(s)]
    for a, b in zip(starts, ends):
        ranks[order[a:b]] = (a + 1 + b) / 2.0
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


def _check_auc():
    rng = np.random.RandomState(0)
    for n in (2, 7, 50, 300):
        y = rng.randint(0, 2, n)
        y[0], y[1] = 0, 1
        s = rng.randint(0, 5, n).astype(float)          # many ties on purpose
        pos, neg = s[y == 1], s[y == 0]
        brute = ((pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()) / (len(pos) * len(neg))
        assert abs(auc(y, s) - brute) < 1e-12, (n, auc(y, s), brute)
    assert auc([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4]) == 1.0 and auc([0, 1], [0.5, 0.5]) == 0.5
    print('auc check passed (matches pairwise count with ties = 1/2)')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--split', help='split file from protocol.py')
    ap.add_argument('--idx-dir', default=os.path.join(BENCH, 'data', 'mnist'))
    ap.add_argument('--epochs', type=int, default=15)
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--score-batch', type=int, default=64, help='test batch size (matters for batch-stat scoring)')
    ap.add_argument('--seed', type=int, default=0, help='weights init, training order, test order')
    ap.add_argument('--threads', type=int, default=2, help='torch.set_num_threads (torch 1.13 defaults to 1 here)')
    ap.add_argument('--isize', type=int, default=32)
    ap.add_argument('--norm', default='pm1', choices=['pm1', 'mnist'], help='pm1: [-1,1]; mnist: (0.1307, 0.3081) as reference data.py')
    ap.add_argument('--max-iters', type=int, default=None, help='stop each epoch after this many iterations (smoke tests)')
    ap.add_argument('--out', default=None, help='JSON file (default: stdout)')
    ap.add_argument('--check-auc', action='store_true', help='only check the AUC function and exit')
    a = ap.parse_args()
    if a.check_auc:
        _check_auc()
        return
    if not a.split:
        ap.error('--split is required')

    torch.set_num_threads(a.threads)
    t0 = time.perf_counter()
    x_train, x_test, y_test, meta = load_split_tensors(a.split, a.idx_dir, a.isize, a.norm)
    t_load = time.perf_counter() - t0
    n_batches = len(x_train) // a.batch                   # drop_last
    if a.max_iters is not None:
        n_batches = min(n_batches, a.max_iters)
    if n_batches == 0:
        raise SystemExit('fewer training images (%d) than one batch (%d)' % (len(x_train), a.batch))
    print('train %d images -> %d iterations/epoch; test %d (%d abnormal); threads %d'
          % (len(x_train), n_batches, len(x_test), int(y_test.sum()), torch.get_num_threads()), file=sys.stderr)

    model = Ganomaly(isize=a.isize, nc=x_train.shape[1], seed=a.seed)
    g_train = torch.Generator().manual_seed(a.seed)       # per-epoch shuffle of the training set
    g_test = torch.Generator().manual_seed(a.seed + 1)    # test order for batch-stat scoring
    epochs, iter_times = [], []
    for ep in range(a.epochs):
        perm = torch.randperm(len(x_train), generator=g_train)
        sums, reinits = {}, 0
        t_ep = time.perf_counter()
        for b in range(n_batches):
            t_it = time.perf_counter()
            losses = model.train_step(x_train[perm[b * a.batch:(b + 1) * a.batch]])
            iter_times.append(time.perf_counter() - t_it)
            reinits += losses.pop('d_reinit')
            for k, v in losses.items():
                sums[k] = sums.get(k, 0.0) + v
        t_train = time.perf_counter() - t_ep

        t_s = time.perf_counter()
        s_batch = model.score(x_test, a.score_batch, bn='batch', generator=g_test)
        t_score_batch = time.perf_counter() - t_s
        t_s = time.perf_counter()
        s_eval = model.score(x_test, a.score_batch, bn='eval')
        t_score_eval = time.perf_counter() - t_s
        rec = {'epoch': ep + 1, 'iterations': n_batches,
               'auc_batchstat': auc(y_test, s_batch), 'auc_eval': auc(y_test, s_eval),
               'mean_losses': {k: v / n_batches for k, v in sums.items()}, 'd_reinits': reinits,
               'train_s': t_train, 'score_batchstat_s': t_score_batch, 'score_eval_s': t_score_eval}
        epochs.append(rec)
        print('epoch %d: AUC batch-stat %.4f eval %.4f | train %.1fs (%.3f s/iter) score %.1fs + %.1fs | err_g %.3f err_d %.3f reinit %d'
              % (ep + 1, rec['auc_batchstat'], rec['auc_eval'], t_train, t_train / n_batches,
                 t_score_batch, t_score_eval, rec['mean_losses']['err_g'], rec['mean_losses']['err_d'], reinits),
              file=sys.stderr)

    def summary(key):
        best = max(epochs, key=lambda r: r[key])  # first epoch reaching the max, like the reference's '>'
        return {'best_auc': best[key], 'best_epoch': best['epoch'], 'final_auc': epochs[-1][key]}

    result = {
        'config': {'split': a.split, 'split_meta': meta, 'n_train': len(x_train), 'n_test': len(x_test),
                   'n_test_abnormal': int(y_test.sum()), 'epochs': a.epochs, 'batch': a.batch,
                   'score_batch': a.score_batch, 'seed': a.seed, 'isize': a.isize, 'norm': a.norm,
                   'max_iters': a.max_iters, 'threads': torch.get_num_threads(), 'torch': torch.__version__},
        'batchstat': summary('auc_batchstat'),
        'eval': summary('auc_eval'),
        'per_epoch': epochs,
        'timings': {'load_s': t_load, 'total_s': time.perf_counter() - t0,
                    'iter_s_median': statistics.median(iter_times), 'iter_s_min': min(iter_times),
                    'iter_s_max': max(iter_times), 'score_images_per_s_eval':
                        len(x_test) * len(epochs) / sum(r['score_eval_s'] for r in epochs)},
    }
    write_json(result, a.out)


if __name__ == '__main__':
    main()
