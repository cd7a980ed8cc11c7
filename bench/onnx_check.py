"""Scores a folder of images with an exported GANomaly model in ONNX Runtime, following the export's JSON for
sampling (resize or tiles), intensity mapping and calibration, and compares the scores with Score Stack's CSV of the
same folder (source=folder, csv=...). Run by bench/onnx-check.sh in a virtual environment holding onnx,
onnxruntime, numpy and pillow.

    python bench/onnx_check.py EXPORT.onnx.json IMAGE_FOLDER SCORES.csv

Prints one line per measure and exits 1 if a latent score differs by more than 1e-5 relative, a calibrated score
by more than 1e-5, or a sample's place (file, tile) differs from the CSV's row.
"""

import csv
import json
import math
import os
import sys

import numpy as np
import onnx
import onnxruntime as ort
from PIL import Image

EXTENSIONS = (".tif", ".tiff", ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".pgm")


def tile_origins(length, size, stride):
    """Every stride pixels, the last tile flush with the far border (the JSON's sampling rule)."""
    count = math.ceil((length - size) / stride) + 1
    return [min(i * stride, length - size) for i in range(count)]


def planes(path, channels):
    """The image's pixels as channels x H x W float64 (grey: one channel; RGB: R, G, B)."""
    image = Image.open(path)
    if channels == 3:
        return np.asarray(image.convert("RGB"), dtype=np.float64).transpose(2, 0, 1)
    if image.mode not in ("L", "I;16", "I;16B", "I", "F"):
        raise SystemExit(f"{path}: mode {image.mode} is not a grey image; this model takes one channel")
    return np.asarray(image, dtype=np.float64)[None]


def resize(channel, size):
    """PIL's bilinear (triangle) resize of one float channel, as the JSON's resize rule says."""
    if channel.shape == (size, size):
        return channel
    return np.asarray(Image.fromarray(channel.astype(np.float32), mode="F").resize((size, size), Image.BILINEAR))


def samples(folder, spec):
    """(file name, tile x, tile y, sample in network units) for every sample, in Score Stack's order."""
    size, channels = spec["image"]["size"], spec["image"]["channels"]
    low, high = spec["intensity"]["min"], spec["intensity"]["max"]
    sampling = spec["sampling"]
    for name in sorted(f for f in os.listdir(folder) if f.lower().endswith(EXTENSIONS)):
        pixels = planes(os.path.join(folder, name), channels)
        if sampling["mode"] == "tile":
            ys = tile_origins(pixels.shape[1], size, sampling["stride"])
            xs = tile_origins(pixels.shape[2], size, sampling["stride"])
            places = [(x, y, pixels[:, y:y + size, x:x + size]) for y in ys for x in xs]
        else:
            places = [(0, 0, np.stack([resize(c, size) for c in pixels]))]
        for x, y, sample in places:
            # The plugin maps in double precision and rounds to float32 once.
            yield name, x, y, (2 * (sample - low) / (high - low) - 1).astype(np.float32)


def calibrated(score, normal):
    """The JSON's calibration rule: the fraction of normal scores at or below score, interpolated."""
    q = np.asarray(normal, dtype=np.float64)
    if len(q) == 1:
        return 1.0 if score >= q[0] else 0.0
    if score < q[0]:
        return 0.0
    if score >= q[-1]:
        return 1.0
    hi = int(np.searchsorted(q, score, side="right"))
    lo = hi - 1
    frac = (score - q[lo]) / (q[hi] - q[lo]) if q[hi] > q[lo] else 1.0
    return (lo + frac) / (len(q) - 1)


def main(description, folder, scores_csv):
    with open(description) as f:
        spec = json.load(f)
    model_path = os.path.join(os.path.dirname(description), spec["onnx"])
    onnx.checker.check_model(onnx.load(model_path), full_check=True)
    print(f"onnx.checker: {spec['onnx']} is valid (opset {spec['opset']}, onnx {onnx.__version__})")

    session = ort.InferenceSession(model_path, providers=["CPUExecutionProvider"])
    items = list(samples(folder, spec))
    batch = np.stack([s for *_, s in items])
    latent_scores = session.run(["latent_score"], {"image": batch})[0]

    with open(scores_csv, newline="") as f:
        rows = list(csv.DictReader(f))
    if len(rows) != len(items):
        print(f"FAIL: {len(items)} samples here, {len(rows)} rows in {scores_csv}")
        return 1
    tiled = spec["sampling"]["mode"] == "tile"
    worst_rel, worst_cal, misplaced = 0.0, 0.0, 0
    for (name, x, y, _), score, row in zip(items, latent_scores, rows):
        label = row["Label"]
        if not (name == label or os.path.splitext(name)[0] == label) or (
            tiled and (int(float(row["Tile X"])) != x or int(float(row["Tile Y"])) != y)
        ):
            misplaced += 1
        expected = float(row["Latent score"])
        worst_rel = max(worst_rel, abs(float(score) - expected) / abs(expected))
        mine = calibrated(float(score), spec["calibration"]["normalScores"])
        worst_cal = max(worst_cal, abs(mine - float(row["Calibrated score"])))
    flagged = int(np.sum(latent_scores > spec["threshold"]["latentScore"]))
    print(f"samples: {len(items)} from {len(set(i[0] for i in items))} files "
          f"({spec['sampling']['mode']}, {spec['image']['size']}x{spec['image']['size']}x{spec['image']['channels']})")
    print(f"largest relative difference of the latent score: {worst_rel:.3g}")
    print(f"largest difference of the calibrated score: {worst_cal:.3g}")
    print(f"anomalous by the JSON's threshold: {flagged}; by Score Stack: "
          f"{sum(1 for r in rows if r.get('Anomalous') == 'yes')}")
    ok = misplaced == 0 and worst_rel <= 1e-5 and worst_cal <= 1e-5
    print(("PASS" if ok else "FAIL") + f": {misplaced} samples out of place; tolerance 1e-5")
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    sys.exit(main(*sys.argv[1:]))
