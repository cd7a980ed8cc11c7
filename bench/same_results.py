"""Compares the before/after outputs of bench/same-results.sh: the demo's scores.csv byte for byte, and the MNIST
run's JSON value for value (all numbers bit for bit), leaving out times and the name of the epoch rule, which
differ by design. Prints one line per comparison and a verdict; exits 1 on a difference."""
import json
import sys

SKIP = ('timings', 'selection')


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


def main(folder):
    ok = True
    before = open(folder + '/demo-scores-before.csv', 'rb').read()
    after = open(folder + '/demo-scores-after.csv', 'rb').read()
    rows = before.decode().count('\n') - 1
    same = before == after
    ok &= same
    print('demo scores.csv (%d rows): %s' % (rows, 'identical bytes' if same else 'DIFFERENT'))
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
