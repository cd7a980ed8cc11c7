"""Summarises a bench/speed.sh run: medians over rounds, spread, and Java/PyTorch ratios (>= 1: Java is at
least as fast). Usage: python3 bench/speed_table.py bench/out/speed-<time>"""
import glob
import json
import os
import statistics
import sys


def main(folder):
    java, ref = {}, {}
    with open(os.path.join(folder, 'java.jsonl')) as f:
        for line in f:
            r = json.loads(line)
            # Runs before the kernel check have no "kernels": they ran on oneDNN.
            key = (r['task'], r['size'], r['channels'], r['batch'], r.get('kernels', 'onednn'))
            java.setdefault(key, []).extend(r['values'])
    meta = None
    for path in sorted(glob.glob(os.path.join(folder, 'ref-*.json'))):
        with open(path) as f:
            r = json.load(f)
        meta = meta or {k: r[k] for k in ('torch', 'num_threads', 'blas')}
        for c in r['configs']:
            ref.setdefault(('train', c['isize'], c['nc'], c['batch']), []).append(c['train']['ms_per_iter_median'])
            for inf in c['inference']:
                ref.setdefault(('infer', c['isize'], c['nc'], inf['batch']), []).append(inf['images_per_s_median'])
    rows = []
    print('| task | image | batch | Java convolutions | Java/DJL median (min–max) | PyTorch median (min–max) | '
          'ratio Java/PyTorch |')
    print('|---|---|---|---|---|---|---|')
    for key in sorted(java):
        task, size, nc, batch, kernels = key
        if key[:4] not in ref:
            continue
        j, p = java[key], ref[key[:4]]
        jm, pm = statistics.median(j), statistics.median(p)
        # ratio >= 1 means Java is at least as fast: time ratio inverted for training.
        ratio = pm / jm if task == 'train' else jm / pm
        unit = 'ms/iteration' if task == 'train' else 'images/s'
        print('| %s (%s) | %dx%dx%d | %d | %s | %.1f (%.1f–%.1f) | %.1f (%.1f–%.1f) | %.2f |' % (
            task, unit, size, size, nc, batch, kernels, jm, min(j), max(j), pm, min(p), max(p), ratio))
        rows.append({'task': task, 'unit': unit, 'size': size, 'channels': nc, 'batch': batch, 'kernels': kernels,
                     'java': j, 'pytorch': p, 'java_median': jm, 'pytorch_median': pm, 'ratio': ratio})
    summary = {'rows': rows, 'pytorch': meta}
    with open(os.path.join(folder, 'summary.json'), 'w') as f:
        json.dump(summary, f, indent=1)
    print('\nPyTorch side: torch %s, %s threads, BLAS %s' % (meta['torch'], meta['num_threads'], meta['blas']))


if __name__ == '__main__':
    main(sys.argv[1])
