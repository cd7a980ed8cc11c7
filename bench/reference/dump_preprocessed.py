"""Dump the first N training and first N test images of a split, preprocessed by
protocol.load_split_tensors (PIL-identical 28->32 resize, then (v/255 - 0.5)/0.5),
as raw little-endian float32: N training images then N test images, each 1x32x32.
bench/java/.../PreprocessingCheck.java compares the Java preprocessing with this file.

    /usr/bin/python3 bench/reference/dump_preprocessed.py --split S --n 300 --out bench/out/pre.f32
"""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from protocol import BENCH, load_split_tensors  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--split', required=True)
    ap.add_argument('--idx-dir', default=os.path.join(BENCH, 'data', 'mnist'))
    ap.add_argument('--n', type=int, default=300)
    ap.add_argument('--out', required=True)
    a = ap.parse_args()
    x_train, x_test, _, _ = load_split_tensors(a.split, a.idx_dir)
    if a.n > min(len(x_train), len(x_test)):
        raise SystemExit('--n %d exceeds the split (train %d, test %d)' % (a.n, len(x_train), len(x_test)))
    data = np.concatenate([x_train[:a.n].numpy(), x_test[:a.n].numpy()]).astype('<f4')
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    data.tofile(a.out)
    print('wrote %s: %d + %d images %s, values %.4f..%.4f'
          % (a.out, a.n, a.n, tuple(data.shape[1:]), data.min(), data.max()), file=sys.stderr)


if __name__ == '__main__':
    main()
