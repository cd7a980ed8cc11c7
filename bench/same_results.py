"""Compares the before/after outputs of bench/same-results.sh: the demo's scores.csv byte for byte (or, when a change
adds columns or changes the verdict's rule, every column both have, the verdict apart: the columns named in CHANGING,
default Anomalous), and the MNIST
run's JSON value for value (all numbers bit for bit), leaving out times and the name of the epoch rule, which
differ by design. Prints one line per comparison and a verdict; exits 1 on a difference."""
import json
import os
import sys

SKIP = ('timings', 'selection')
ANOMALOUS = 'Anomalous'  # the verdict: a change of rule changes it, and nothing else may
# A change of how the verdict is calibrated also changes its score column: CHANGING="Anomalous,Combined score".
CHANGING = tuple(os.environ.get('CHANGING', ANOMALOUS).split(','))


def timing(key):
    return key.endswith('_s') or key in ('seconds', 'train_total_s') or key in SKIP


def diff(a, b, path, out):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if timing(k):
                continue
            if k not in a or k not in b:
                out.append('%s.%s only in %s' % (path, k, 'after' if k not in a else 'before'))
            else:
                diff(a[k], b[k], path + '.' + k, out)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            diff(x, y, '%s[%d]' % (path, i), out)
    elif a != b:
        out.append('%s: %r before, %r after' % (path, a, b))


def columns(path):
    import csv
    with open(path, newline='') as f:
        rows = list(csv.reader(f))
    return {name: [row[i] for row in rows[1:]] for i, name in enumerate(rows[0])}, len(rows) - 1


def compare_demo(before_path, after_path, changing=CHANGING):
    """The demo's scores.csv: identical bytes, or else every column both have identical as text, except those a
    change is meant to alter (the verdict column); columns only one side has are listed."""
    before = open(before_path, 'rb').read()
    after = open(after_path, 'rb').read()
    rows = before.decode().count('\n') - 1
    if before == after:
        print('demo scores.csv (%d rows): identical bytes' % rows)
        return True
    a, n_a = columns(before_path)
    b, n_b = columns(after_path)
    same = n_a == n_b
    for name in a:
        if name not in b:
            print('  column %s only before' % name)
            same = False
        elif name in changing:
            changed = sum(x != y for x, y in zip(a[name], b[name]))
            print('  column %s: %d of %d rows differ (meant to change)' % (name, changed, n_a))
        elif a[name] != b[name]:
            print('  column %s: DIFFERENT' % name)
            same = False
    for name in b:
        if name not in a:
            print('  column %s only after (new)' % name)
    print('demo scores.csv (%d rows): %s' % (rows, 'every common column identical' if same else 'DIFFERENT'))
    return same


def main(folder):
    ok = True
    ok &= compare_demo(folder + '/demo-scores-before.csv', folder + '/demo-scores-after.csv')
    a = json.load(open(folder + '/mnist-before.json'))
    b = json.load(open(folder + '/mnist-after.json'))
    out = []
    diff(a, b, 'mnist', out)
    epochs = len(a.get('per_epoch', []))
    print('MNIST digit 2 seed 0, %d epochs: %s' % (epochs, 'every value identical' if not out else
                                                   '%d differences' % len(out)))
    for line in out[:20]:
        print('  ' + line)
    ok &= not out
    print('ALL IDENTICAL' if ok else 'DIFFERENCES FOUND')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
