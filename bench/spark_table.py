"""Ratios of bench/spark.sh's runs: scaling from local[1] to local[2], and the job against Score Stack."""
import json
import sys

runs = {}
for line in open(sys.argv[1]):
    if line.startswith("{"):
        r = json.loads(line)
        runs[r["run"]] = r
    else:
        print(line.rstrip())
print("| Run | Samples | Seconds | Samples/s | Peak heap (MB) | PyTorch threads | Table (bytes/sample) |")
print("|---|---|---|---|---|---|---|")
for r in runs.values():
    print(f"| {r['run']} | {r['samples']:,} | {r['seconds']:.1f} | {r['samples_per_second']:.0f} | "
          f"{r['peak_heap_mb']:.0f} | {r['pytorch_threads']} | {r['output_bytes'] / r['samples']:.0f} |")
one, two, stack = runs["spark local[1]"], runs["spark local[2]"], runs["score-stack"]
speedup = two["samples_per_second"] / one["samples_per_second"]
print(f"\nlocal[2] / local[1]: {speedup:.2f}x (scaling efficiency {speedup / 2:.0%})")
print(f"local[2] / Score Stack: {two['samples_per_second'] / stack['samples_per_second']:.2f}x")
print(f"local[1] / Score Stack: {one['samples_per_second'] / stack['samples_per_second']:.2f}x")
