"""Read IDX files (the MNIST container format) with numpy only.

An IDX file is: two zero bytes, a type byte (0x08 = uint8, ...), a byte with the
number of dimensions, then one big-endian uint32 per dimension, then the data in
C order, big-endian. MNIST-like sets: images uint8 N x H x W, labels uint8 N.
"""
import os
import struct

import numpy as np

# IDX type byte -> numpy dtype (big-endian where it matters)
_DTYPES = {0x08: np.uint8, 0x09: np.int8, 0x0B: '>i2', 0x0C: '>i4', 0x0D: '>f4', 0x0E: '>f8'}


def read_idx(path):
    """Return the array stored in one IDX file (native byte order)."""
    with open(path, 'rb') as f:
        data = f.read()
    zero, dtype_code, ndim = struct.unpack('>HBB', data[:4])
    if zero != 0 or dtype_code not in _DTYPES:
        raise ValueError('%s: not an IDX file (magic %02x%02x%02x%02x)' % ((path,) + tuple(data[:4])))
    shape = struct.unpack('>%dI' % ndim, data[4:4 + 4 * ndim])
    arr = np.frombuffer(data, dtype=_DTYPES[dtype_code], offset=4 + 4 * ndim)
    if arr.size != int(np.prod(shape)):
        raise ValueError('%s: header says %s, file holds %d values' % (path, shape, arr.size))
    return arr.reshape(shape).astype(arr.dtype.newbyteorder('='))


# File names of a standard MNIST-like set (MNIST, Fashion-MNIST, KMNIST use the same ones).
FILES = {
    'train_images': 'train-images-idx3-ubyte',
    'train_labels': 'train-labels-idx1-ubyte',
    'test_images': 't10k-images-idx3-ubyte',
    'test_labels': 't10k-labels-idx1-ubyte',
}


def load_set(idx_dir):
    """Load an MNIST-like set from a folder with the four IDX files.

    Returns (images, labels, n_train): the train file's images then the test
    file's images concatenated (uint8, N x H x W), their labels (N), and how many
    came from the train file. Indices in a split file point into this array.
    """
    def rd(key):
        return read_idx(os.path.join(idx_dir, FILES[key]))
    tr_x, tr_y, te_x, te_y = rd('train_images'), rd('train_labels'), rd('test_images'), rd('test_labels')
    if tr_x.ndim != 3 or te_x.ndim != 3 or tr_x.shape[1:] != te_x.shape[1:]:
        raise ValueError('expected N x H x W images of one size, got %s and %s' % (tr_x.shape, te_x.shape))
    if len(tr_x) != len(tr_y) or len(te_x) != len(te_y):
        raise ValueError('image and label counts differ')
    images = np.concatenate([tr_x, te_x]).astype(np.uint8, copy=False)
    labels = np.concatenate([tr_y, te_y]).astype(np.int64)
    return images, labels, len(tr_x)


if __name__ == '__main__':
    import sys
    x, y, n_tr = load_set(sys.argv[1] if len(sys.argv) > 1 else 'bench/data/mnist')
    print('images', x.shape, x.dtype, 'labels', y.shape, 'from train file', n_tr,
          'class counts', np.bincount(y).tolist())
