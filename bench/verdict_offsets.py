"""The verdict's area offset, screened on VerdictBench's per-image CSVs: for each offset, the image AUC of the
combined score and, at its threshold (the validation normals' 0.99 quantile of combined values), the share of normal
test images flagged and the recall of defective ones. Restates core.score.NormalTail and Verdict in numpy (rarity
from the validation normals' sorted scores, exponential tail above their 0.9 quantile; combined value = max(latent
rarity, area rarity - offset)); the Java figures of bench/verdict.sh are the reference, this only varies the offset.
With --tail the threshold is not the validation normals' 0.99 quantile of combined values but where their fitted
exponential tail (NormalTail's, from their top 10 %) puts it: an estimate from 10 times as many normals, screened as
a remedy for the flagged share of normals being above 1 % with few validation normals.
    /usr/bin/python3 bench/verdict_offsets.py FILE.csv... [--offsets 0,1,2,3] [--tail]"""
import csv
import sys

import numpy as np


def load(path):
    with open(path, newline='') as f:
        rows = list(csv.DictReader(f))
    val = [r for r in rows if r['set'] == 'validation']
    test = [r for r in rows if r['set'] == 'test']
    col = lambda rs, k: np.array([float(r[k]) for r in rs])
    return ({k: col(val, k) for k in ('latent', 'area')}, {k: col(test, k) for k in ('latent', 'area')},
            np.array([int(r['defective']) for r in test]))


def quantile(s, q):
    pos = q * (len(s) - 1)
    lo = int(np.floor(pos))
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (pos - lo) * (s[hi] - s[lo])


def calibrated(s, x):
    """Calibration.calibrated: fraction at or below, interpolated between sorted values."""
    x = np.asarray(x, float)
    n = len(s)
    hi = np.searchsorted(s, x, side='right')
    lo = hi - 1
    out = np.empty_like(x)
    for i, (v, h, l) in enumerate(zip(x, hi, lo)):
        if v < s[0]:
            out[i] = 0
        elif v >= s[-1]:
            out[i] = 1
        else:
            frac = (v - s[l]) / (s[h] - s[l]) if s[h] > s[l] else 1
            out[i] = (l + frac) / (n - 1)
    return out


def rarity_fn(values):
    s = np.sort(values)
    start = quantile(s, 0.9)
    share = max(1 - calibrated(s, [start])[0], 1 / (len(s) + 1))
    above = s[s > start]
    scale = (above - start).mean() if len(above) else 1e-12 * max(1, abs(start))

    def rarity(x):
        x = np.asarray(x, float)
        low = np.maximum(1 - calibrated(s, x), share)
        high = share * np.exp(-(x - start) / scale)
        return -np.log10(np.maximum(np.where(x <= start, low, high), 1e-300))
    return rarity


def tail_quantile(values, q):
    """Where NormalTail's rarity of the sorted values reaches -log10(1 - q), for q above its 0.9 quantile."""
    s = np.sort(values)
    start = quantile(s, 0.9)
    share = max(1 - calibrated(s, [start])[0], 1 / (len(s) + 1))
    above = s[s > start]
    scale = (above - start).mean() if len(above) else 1e-12 * max(1, abs(start))
    return start + scale * np.log(share / (1 - q))


def auc(score, y):
    order = np.argsort(score, kind='mergesort')
    ranks = np.empty(len(score))
    s = score[order]
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j + 2) / 2
        i = j + 1
    pos = y.sum()
    neg = len(y) - pos
    return (ranks[y == 1].sum() - pos * (pos + 1) / 2) / (pos * neg)


def main(args):
    offsets = [0, 1, 2, 3]
    if '--offsets' in args:
        i = args.index('--offsets')
        offsets = [float(v) for v in args[i + 1].split(',')]
        args = args[:i] + args[i + 2:]
    tail = '--tail' in args
    args = [a for a in args if a != '--tail']
    print('| file | latent AUC | area AUC | ' + ' | '.join('offset %g: AUC · flagged · recall' % o for o in offsets)
          + ' |')
    print('|---' * (3 + len(offsets)) + '|')
    for path in args:
        v, t, y = load(path)
        lat, area = rarity_fn(v['latent']), rarity_fn(v['area'])
        cells = []
        for o in offsets:
            cv = np.maximum(lat(v['latent']), area(v['area']) - o)
            ct = np.maximum(lat(t['latent']), area(t['area']) - o)
            flagged = ct > (tail_quantile(cv, 0.99) if tail else quantile(np.sort(cv), 0.99))
            cells.append('%.4f · %.3f · %.3f' % (auc(ct, y), flagged[y == 0].mean(), flagged[y == 1].mean()))
        print('| %s | %.4f | %.4f | %s |' % (path.split('/')[-1], auc(t['latent'], y), auc(t['area'], y),
                                             ' | '.join(cells)))


if __name__ == '__main__':
    main(sys.argv[1:])
