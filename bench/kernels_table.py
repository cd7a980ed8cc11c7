#!/usr/bin/env python3
"""Summarises KernelCheck TSVs (bench/kernels.sh): per kernels, threads, operation and quantity, how many checks
were wrong (error > 1e-4 or not finite) and not repeatable, and the largest error; then, per network, the first
result that went wrong."""
import csv
import math
import sys

TOLERANCE = 1e-4


def load(path):
    with open(path) as f:
        lines = [l for l in f if not l.startswith('#')]
    return list(csv.DictReader(lines, delimiter='\t'))


def wrong(row):
    e = float(row['error'])
    return math.isnan(e) or e > TOLERANCE


def main(paths):
    print('| kernels | threads | operation | quantity | checks | wrong | of which NaN | not repeatable | largest error |')
    print('|---|---|---|---|---|---|---|---|---|')
    firsts = []
    for path in paths:
        rows = load(path)
        groups = {}
        for r in rows:
            groups.setdefault((r['kernels'], r['threads'], r['op'], r['quantity']), []).append(r)
        for (kernels, threads, op, quantity), rs in groups.items():
            errors = [float(r['error']) for r in rs]
            finite = [e for e in errors if not math.isnan(e)]
            print(f"| {kernels} | {threads} | {op} | {quantity} | {len(rs)} | {sum(map(wrong, rs))} | "
                  f"{sum(math.isnan(e) for e in errors)} | {sum(r['repeatable'] == 'no' for r in rs)} | "
                  f"{max(finite):.3g} |")
        # A step computes every forward result before any gradient: the first wrong forward result (in layer
        # order) comes first, else the first wrong gradient.
        networks = {}
        for r in rows:
            networks.setdefault((r['kernels'], r['threads'], r['network']), []).append(r)
        for (kernels, threads, network), rs in networks.items():
            bad = [r for r in rs if r['quantity'] == 'forward' and wrong(r)] or [r for r in rs if wrong(r)]
            if bad:
                r = bad[0]
                firsts.append(f"| {kernels} | {threads} | {network} | {r['op']} {r['shape']} | {r['quantity']} | "
                              f"{r['error']} |")
    print()
    print('First wrong result per network and thread count: the first wrong forward result in layer order, '
          'else the first wrong gradient:')
    print()
    print('| kernels | threads | network | operation | quantity | error |')
    print('|---|---|---|---|---|---|')
    print('\n'.join(firsts) if firsts else '| (none) | | | | | |')


if __name__ == '__main__':
    main(sys.argv[1:])
