#!/usr/bin/env python3
"""Side-by-side comparison of two (or more) Java MNIST bench result folders: a training variant against its
baseline, run on the same split files. Prints per run the honest AUC (the epoch the plugin's rule keeps), the
test-selected and final-epoch AUCs (diagnostics), and per epoch the mean test AUC over the runs both folders
have, so that a change to the training can be judged on the bench rather than by taste.

    bench/mnist_compare.py LABEL=FOLDER[,FOLDER...] LABEL=FOLDER[,FOLDER...] [...]

The folders of one variant are read as mnist_table.py reads them: one budget (epochs, subset, test cap), each run once.

When the runs hold several seeds of a digit, it also prints per digit the honest AUC's mean and sample standard
deviation over seeds.
"""
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mnist_table  # noqa: E402  (the result-folder reader and mean ± std format of the main table)


def load(folders):
    """Java runs keyed (digit, seed) from comma-separated folders of one budget."""
    return {key: run['java'] for key, run in mnist_table.load(folders.split(',')).items() if 'java' in run}


def name(key):
    return 'abn%d-seed%d' % key


def jumps(run):
    aucs = [e['auc_eval'] for e in run['per_epoch']]
    return statistics.mean(abs(b - a) for a, b in zip(aucs, aucs[1:])) if len(aucs) > 1 else 0.0


def fmt(x):
    return '%.3f' % x


def main(argv):
    if len(argv) < 2 or any('=' not in a for a in argv):
        sys.exit(__doc__)
    variants = [(a.split('=', 1)[0], load(a.split('=', 1)[1])) for a in argv]
    common = sorted(set.intersection(*(set(runs) for _, runs in variants)))
    if not common:
        sys.exit('no run (java-abnD-seedS.json) is in every variant')
    labels = [label for label, _ in variants]

    print('Runs in every folder: %d (%s).\n' % (len(common), ', '.join(map(name, common))))
    print('| run | ' + ' | '.join('%s: honest (epoch) | %s: test-best | %s: final' % (l, l, l) for l in labels) + ' |')
    print('|---|' + '---|---|---|' * len(labels))
    for run in common:
        cells = []
        for _, runs in variants:
            r = runs[run]
            cells += ['%s (%d)' % (fmt(r['selected']['auc_eval']), r['selected']['epoch']),
                      '%s (%d)' % (fmt(r['eval']['best_auc']), r['eval']['best_epoch']), fmt(r['eval']['final_auc'])]
        print('| %s | %s |' % (name(run), ' | '.join(cells)))
    cells = []
    for _, runs in variants:
        for value in (lambda r: r['selected']['auc_eval'], lambda r: r['eval']['best_auc'],
                      lambda r: r['eval']['final_auc']):
            cells.append('**%s**' % fmt(statistics.mean(value(runs[run]) for run in common)))
    print('| **mean** | %s |\n' % ' | '.join(cells))

    print('Mean |change| of a run\'s test AUC from one epoch to the next (how much the kept model jumps): ' + ', '.join(
        '%s %s' % (label, fmt(statistics.mean(jumps(runs[run]) for run in common))) for label, runs in variants)
        + '.\n')
    by_digit = {}
    for run in common:
        by_digit.setdefault(run[0], []).append(run)
    if any(len(runs) > 1 for runs in by_digit.values()):
        print('Honest AUC per digit over seeds, mean ± sample std (seeds):\n')
        print('| digit | ' + ' | '.join(labels) + ' |')
        print('|---|' + '---|' * len(labels))
        for digit, keys in sorted(by_digit.items()):
            cells = ['%s (%d)' % (mnist_table.fmt([runs[key]['selected']['auc_eval'] for key in keys]), len(keys))
                     for _, runs in variants]
            print('| %d | %s |' % (digit, ' | '.join(cells)))
        print()
    epochs = min(len(runs[run]['per_epoch']) for _, runs in variants for run in common)
    print('Mean test AUC per epoch (eval mode) over these runs:\n')
    print('| epoch | ' + ' | '.join(labels) + ' |')
    print('|---|' + '---|' * len(labels))
    for e in range(epochs):
        print('| %d | %s |' % (e + 1, ' | '.join(
            fmt(statistics.mean(runs[run]['per_epoch'][e]['auc_eval'] for run in common)) for _, runs in variants)))


if __name__ == '__main__':
    main(sys.argv[1:])
