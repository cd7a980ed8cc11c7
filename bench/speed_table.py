"""Summarises a bench/speed.sh run: medians over rounds, spread, and Java/PyTorch ratios (>= 1: Java is at
least as fast), one PyTorch column and one ratio per reference side (pip: a current torch; debian: Debian's
torch 1.13 with OpenBLAS). Usage: python3 bench/speed_table.py bench/out/speed-<time>"""
import glob
import json
import os
import re
import statistics
import sys

# Files of runs before the pip side existed are named ref-<round>-<cfg>.json: they are Debian's torch.
REF_FILE = re.compile(r'ref-(?:(?P<side>[a-z]+)-)?\d+-[0-9x]+\.json$')
SIDE_ORDER = ('pip', 'debian')


def read_java(folder):
    java = {}
    with open(os.path.join(folder, 'java.jsonl')) as f:
        for line in f:
            r = json.loads(line)
            # Runs before the kernel check have no "kernels": they ran on oneDNN.
            key = (r['task'], r['size'], r['channels'], r['batch'], r.get('kernels', 'onednn'))
            java.setdefault(key, []).extend(r['values'])
    return java


def read_references(folder):
    """{side: {(task, size, channels, batch): [medians per round]}} and {side: torch version, threads, BLAS}."""
    ref, meta = {}, {}
    for path in sorted(glob.glob(os.path.join(folder, 'ref-*.json'))):
        m = REF_FILE.search(os.path.basename(path))
        if not m:
            continue
        side = m.group('side') or 'debian'
        with open(path) as f:
            r = json.load(f)
        meta.setdefault(side, {k: r[k] for k in ('torch', 'num_threads', 'blas')})
        rows = ref.setdefault(side, {})
        for c in r['configs']:
            rows.setdefault(('train', c['isize'], c['nc'], c['batch']), []).append(c['train']['ms_per_iter_median'])
            for inf in c['inference']:
                rows.setdefault(('infer', c['isize'], c['nc'], inf['batch']), []).append(inf['images_per_s_median'])
    return ref, meta


def spread(values):
    return '%.1f (%.1f–%.1f)' % (statistics.median(values), min(values), max(values))


def main(folder):
    java = read_java(folder)
    ref, meta = read_references(folder)
    sides = [s for s in SIDE_ORDER if s in ref] + sorted(s for s in ref if s not in SIDE_ORDER)
    labels = {s: 'torch %s (%s)' % (meta[s]['torch'].split('+')[0], s) for s in sides}
    print('| task | image | batch | Java convolutions | Java/DJL median (min–max) | '
          + ' | '.join('%s median (min–max)' % labels[s] for s in sides) + ' | '
          + ' | '.join('Java / %s' % labels[s] for s in sides) + ' |')
    print('|---|---|---|---|---|' + '---|' * (2 * len(sides)))
    rows = []
    for key in sorted(java):
        task, size, nc, batch, kernels = key
        present = [s for s in sides if key[:4] in ref[s]]
        if not present:
            continue
        j = java[key]
        jm = statistics.median(j)
        row = {'task': task, 'unit': 'ms/iteration' if task == 'train' else 'images/s', 'size': size,
               'channels': nc, 'batch': batch, 'kernels': kernels, 'java': j, 'java_median': jm, 'references': {}}
        cells, ratios = [], []
        for s in sides:
            p = ref[s].get(key[:4])
            if p is None:
                cells.append('–')
                ratios.append('–')
                continue
            pm = statistics.median(p)
            # ratio >= 1 means Java is at least as fast: time ratio inverted for training.
            ratio = pm / jm if task == 'train' else jm / pm
            row['references'][s] = {'torch': meta[s]['torch'], 'values': p, 'median': pm, 'ratio': ratio}
            cells.append(spread(p))
            ratios.append('%.2f' % ratio)
        print('| %s (%s) | %dx%dx%d | %d | %s | %s | %s | %s |' % (
            task, row['unit'], size, size, nc, batch, kernels, spread(j), ' | '.join(cells), ' | '.join(ratios)))
        rows.append(row)
    with open(os.path.join(folder, 'summary.json'), 'w') as f:
        json.dump({'rows': rows, 'pytorch': meta}, f, indent=1)
    print()
    for s in sides:
        print('PyTorch side %s: torch %s, %s threads, BLAS %s' % (
            s, meta[s]['torch'], meta[s]['num_threads'], meta[s]['blas'] or 'its own'))


if __name__ == '__main__':
    main(sys.argv[1])
