"""The reference evaluation protocol (samet-akcay/ganomaly lib/data.py,
get_mnist_anomaly_dataset with a manual seed), written as a split file that the
Java side reads too, so both train and test on exactly the same images.

Protocol: one class is abnormal. The normal images of the train file and of the
test file are pooled (train-file normals first, then test-file normals, each in
file order), the pool's positions are shuffled with np.random.seed(seed) +
np.random.shuffle (the legacy RandomState, so the order is stable across numpy
versions), the first int(0.8 * n) positions are the training set and the rest
the normal part of the test set. The test set is those normals, then every
abnormal image of the train file, then every abnormal image of the test file
(label 1 = abnormal). This is the order the reference builds.

Extras for small runs: --subset N keeps the first N training images (after the
shuffle); --test-cap M keeps M test images, stratified: the first M_n normals of
the (already shuffled) normal test list and M_a abnormals drawn with a seeded
RandomState(seed), M_a = round(M * abnormal fraction), both kept in list order.

Images: uint8 28x28 -> 32x32 the way the reference's transforms.Resize does it on
a PIL 'L' image (PIL BILINEAR): PIL resamples separably, width first, and rounds
each pass to uint8. We do the same with two torch bilinear interpolations
(align_corners=False, no antialias; the upscale needs none) and round half up
after each; checked bit-identical to PIL 9.4 on 5,000 MNIST images. (A single 2-D
interpolate without rounding differs by up to 1/255 on ~24 % of pixels; with one
final rounding, by 1/255 on ~3.7 %.) Then /255 and Normalize(0.5, 0.5) -> [-1, 1].
Note: the reference's MNIST branch normalises with (0.1307, 0.3081) instead,
which puts inputs in [-0.42, 2.82] although the decoder ends in tanh; norm='mnist'
gives that for comparison, the default 'pm1' is [-1, 1].
"""
import argparse
import os

import numpy as np

from idx import load_set

BENCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))   # .../bench
FORMAT = 'ganomaly-split 1'


def make_split(labels, n_train_file, abnormal, seed, train_fraction=0.8, subset=None, test_cap=None):
    """Indices into the concatenated (train file, test file) arrays.

    Returns (train_idx, test_idx, test_labels) as int64 arrays."""
    labels = np.asarray(labels)
    tr_lbl, te_lbl = labels[:n_train_file], labels[n_train_file:]
    nrm = np.concatenate([np.where(tr_lbl != abnormal)[0], n_train_file + np.where(te_lbl != abnormal)[0]])
    abn = np.concatenate([np.where(tr_lbl == abnormal)[0], n_train_file + np.where(te_lbl == abnormal)[0]])
    if len(abn) == 0:
        raise ValueError('no image of class %r' % abnormal)

    pos = np.arange(len(nrm))
    np.random.seed(seed)          # exactly as the reference: global legacy RNG
    np.random.shuffle(pos)
    n_tr = int(len(pos) * train_fraction)
    train = nrm[pos[:n_tr]]
    test_nrm = nrm[pos[n_tr:]]

    if subset is not None:
        train = train[:subset]
    if test_cap is not None and test_cap < len(test_nrm) + len(abn):
        n_a = int(round(test_cap * len(abn) / (len(test_nrm) + len(abn))))
        n_a = min(max(n_a, 1), len(abn), test_cap - 1)
        keep = np.sort(np.random.RandomState(seed).choice(len(abn), n_a, replace=False))
        test_nrm, abn = test_nrm[:test_cap - n_a], abn[keep]

    test = np.concatenate([test_nrm, abn]).astype(np.int64)
    test_lbl = np.concatenate([np.zeros(len(test_nrm), np.int64), np.ones(len(abn), np.int64)])
    return train.astype(np.int64), test, test_lbl


def write_split(path, train, test, test_lbl, meta):
    """Text split file; see bench/README.md for the format."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        f.write(FORMAT + '\n')
        for k, v in meta.items():
            f.write('%s %s\n' % (k, v))
        f.write('train %d\n' % len(train))
        f.write(''.join('%d\n' % i for i in train))
        f.write('test %d\n' % len(test))
        f.write(''.join('%d %d\n' % (i, l) for i, l in zip(test, test_lbl)))
        f.write('end\n')
    os.replace(tmp, path)


def read_split(path):
    """Returns (meta dict of strings, train_idx, test_idx, test_labels)."""
    with open(path) as f:
        lines = f.read().split('\n')
    if lines[0] != FORMAT:
        raise ValueError('%s: not a split file (first line %r)' % (path, lines[0]))
    meta, i = {}, 1
    while not lines[i].startswith('train '):
        k, _, v = lines[i].partition(' ')
        meta[k] = v
        i += 1
    n = int(lines[i].split()[1])
    train = np.array([int(s) for s in lines[i + 1:i + 1 + n]], np.int64)
    i += 1 + n
    assert lines[i].startswith('test '), lines[i]
    m = int(lines[i].split()[1])
    rows = np.array([[int(t) for t in s.split()] for s in lines[i + 1:i + 1 + m]], np.int64).reshape(m, 2)
    assert lines[i + 1 + m] == 'end', 'truncated split file'
    return meta, train, rows[:, 0], rows[:, 1]


def resize_like_pil(images_u8, size):
    """uint8 N x H x W -> float32 tensor N x 1 x size x size holding the integers
    0..255 that PIL's BILINEAR resize would give (see module doc)."""
    import torch
    import torch.nn.functional as F
    x = torch.from_numpy(np.ascontiguousarray(images_u8)).float()[:, None]
    h = x.shape[2]
    if x.shape[3] != size:   # width pass
        x = torch.floor(F.interpolate(x, size=(h, size), mode='bilinear', align_corners=False) + 0.5)
    if h != size:            # height pass
        x = torch.floor(F.interpolate(x, size=(size, size), mode='bilinear', align_corners=False) + 0.5)
    return x.clamp_(0, 255)


def to_model_input(images_u8, size=32, norm='pm1'):
    x = resize_like_pil(images_u8, size) / 255.0
    if norm == 'pm1':
        return (x - 0.5) / 0.5
    if norm == 'mnist':
        return (x - 0.1307) / 0.3081
    raise ValueError(norm)


def load_split_tensors(split_path, idx_dir, size=32, norm='pm1'):
    """Training tensor, test tensor and test labels (torch) for one split file."""
    import torch
    meta, train, test, test_lbl = read_split(split_path)
    images, labels, n_tr = load_set(idx_dir)
    if int(meta.get('n_images', len(images))) != len(images):
        raise ValueError('split was made for %s images, %s holds %d' % (meta['n_images'], idx_dir, len(images)))
    if 'abnormal' in meta:   # cheap check that the split fits these labels
        abn = int(meta['abnormal'])
        assert (labels[train] != abn).all() and ((labels[test] == abn) == (test_lbl == 1)).all(), \
            'split does not match the labels in ' + idx_dir
    return (to_model_input(images[train], size, norm), to_model_input(images[test], size, norm),
            torch.from_numpy(test_lbl), meta)


def default_name(dataset, abnormal, seed, subset, test_cap):
    name = '%s-abn%d-seed%d' % (dataset, abnormal, seed)
    if subset is not None:
        name += '-n%d' % subset
    if test_cap is not None:
        name += '-t%d' % test_cap
    return name + '.split'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--idx-dir', default=os.path.join(BENCH, 'data', 'mnist'))
    ap.add_argument('--dataset', default='mnist', help='name used in the split file and its default name')
    ap.add_argument('--abnormal', type=int, required=True)
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--subset', type=int, default=None, help='keep the first N training images')
    ap.add_argument('--test-cap', type=int, default=None, help='keep at most M test images (stratified)')
    ap.add_argument('--out', default=None, help='default bench/data/splits/<dataset>-abn<d>-seed<s>[-nN][-tM].split')
    a = ap.parse_args()

    images, labels, n_tr = load_set(a.idx_dir)
    train, test, test_lbl = make_split(labels, n_tr, a.abnormal, a.seed, subset=a.subset, test_cap=a.test_cap)
    out = a.out or os.path.join(BENCH, 'data', 'splits',
                                default_name(a.dataset, a.abnormal, a.seed, a.subset, a.test_cap))
    meta = {
        'dataset': a.dataset, 'abnormal': a.abnormal, 'seed': a.seed,
        'n_images': len(images), 'n_train_file': n_tr,
        'image_shape': '%d %d' % images.shape[1:],
        'train_fraction': 0.8,
        'subset': -1 if a.subset is None else a.subset,
        'test_cap': -1 if a.test_cap is None else a.test_cap,
    }
    write_split(out, train, test, test_lbl, meta)
    print('%s: train %d, test %d (%d normal, %d abnormal)' % (
        out, len(train), len(test), int((test_lbl == 0).sum()), int(test_lbl.sum())))


if __name__ == '__main__':
    main()
