"""Sums a libtorch/torch.profiler Chrome trace per operation: self time (an op's span less the ops nested in it
on the same thread), calls, and the share of the traced wall time; the input shapes of the costliest calls.
Usage: python3 bench/profile_table.py TRACE.json [--per N] [--top K]   (--per: iterations or batches traced)"""
import argparse
import collections
import json


def events(path):
    with open(path) as f:
        data = json.load(f)
    evs = data['traceEvents'] if isinstance(data, dict) else data
    return [e for e in evs if e.get('ph') == 'X' and 'dur' in e and e.get('cat', 'cpu_op') in ('cpu_op', 'operator')
          and e.get('pid') != 'CPU Memory']


def self_times(evs):
    """(name, shapes) -> [total self µs, calls]; nesting is per thread, by span containment."""
    out = collections.defaultdict(lambda: [0.0, 0])
    by_thread = collections.defaultdict(list)
    for e in evs:
        by_thread[e.get('tid')].append(e)
    for spans in by_thread.values():
        spans.sort(key=lambda e: (float(e['ts']), -float(e['dur'])))
        stack = []  # [end, key, child time]
        def close(entry):
            end, key, child, dur = entry
            out[key][0] += dur - child
            out[key][1] += 1
        for e in spans:
            ts, dur = float(e['ts']), float(e['dur'])
            while stack and stack[-1][0] <= ts:
                close(stack.pop())
            if stack:
                stack[-1][2] += dur
            shapes = e.get('args', {}).get('Input Dims') or e.get('args', {}).get('Input dims') or e.get('shape')
            stack.append([ts + dur, (e['name'], json.dumps(shapes)), 0.0, dur])
        while stack:
            close(stack.pop())
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('trace')
    ap.add_argument('--per', type=int, default=1)
    ap.add_argument('--top', type=int, default=25)
    a = ap.parse_args()
    evs = events(a.trace)
    wall = max(float(e['ts']) + float(e['dur']) for e in evs) - min(float(e['ts']) for e in evs)
    per_key = self_times(evs)
    per_op = collections.defaultdict(lambda: [0.0, 0])
    for (name, _), (t, n) in per_key.items():
        per_op[name][0] += t
        per_op[name][1] += n
    total = sum(t for t, _ in per_op.values())
    print('traced wall %.1f ms per step, op self time %.1f ms per step (%d steps)' % (
        wall / 1000 / a.per, total / 1000 / a.per, a.per))
    print('| op | self ms per step | share of op time | calls per step |')
    print('|---|---|---|---|')
    for name, (t, n) in sorted(per_op.items(), key=lambda kv: -kv[1][0])[:a.top]:
        print('| %s | %.2f | %.1f %% | %.0f |' % (name, t / 1000 / a.per, 100 * t / total, n / a.per))
    print('\ncostliest (op, input shapes):')
    for (name, shapes), (t, n) in sorted(per_key.items(), key=lambda kv: -kv[1][0])[:a.top]:
        print('  %.2f ms/step  %4.0f calls  %s %s' % (t / 1000 / a.per, n / a.per, name, shapes))


if __name__ == '__main__':
    main()
