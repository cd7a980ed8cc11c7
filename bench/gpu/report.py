"""The GPU run's results (run.sh): one JSON file and one markdown table from the steps' outputs.

    python3 report.py OUT TORCH_VERSION CUDA DEVICE SECONDS
"""
import json
import os
import platform
import subprocess
import sys


def lines(path):
    with open(path) as f:
        return [json.loads(ln) for ln in f if ln.strip().startswith('{')]


def gpu_name():
    try:
        return subprocess.run(['nvidia-smi', '--query-gpu=name,driver_version,memory.total', '--format=csv,noheader'],
                              capture_output=True, text=True, timeout=20).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def main():
    out, torch_version, cuda, device, seconds = sys.argv[1:6]
    steps = {s['step']: s for s in lines(os.path.join(out, 'gpu-run.jsonl'))}
    java = lines(os.path.join(out, 'speed-java.jsonl'))
    ref = [json.load(open(os.path.join(out, f))) for f in ('speed-ref-32x1.json', 'speed-ref-64x3.json')]
    cpu_model = next((ln.split(':', 1)[1].strip() for ln in open('/proc/cpuinfo') if ln.startswith('model name')), '?')
    result = {'torch': torch_version, 'cuda': cuda, 'device': device, 'gpu': gpu_name(), 'cpu': cpu_model,
              'cores': os.cpu_count(), 'host': platform.node(), 'seconds': int(seconds), 'steps': steps,
              'speed_java': java, 'speed_reference': ref}
    with open(os.path.join(out, 'results.json'), 'w') as f:
        json.dump(result, f, indent=1)

    rows = []
    for j in java:
        shape = '%dx%dx%d' % (j['size'], j['size'], j['channels'])
        task = 'train ms/iteration' if j['task'] == 'train' else 'score images/s'
        precision = j.get('precision', 'float32')
        r = None
        for cfg in ref:
            for c in cfg['configs']:
                if c['isize'] != j['size'] or c['nc'] != j['channels']:
                    continue
                if j['task'] == 'train':
                    r = c['train']['ms_per_iter_median']
                else:
                    r = next((i['images_per_s_median'] for i in c['inference']
                              if i['batch'] == j['batch'] and i.get('precision', 'float32') == precision), None)
        ratio = '' if r is None else ('%.2f' % (r / j['median'] if j['task'] == 'train' else j['median'] / r))
        rows.append('| %s | %s | %d | %s | %.4g | %s | %s |' % (
            task, shape, j['batch'], precision, j['median'], '' if r is None else '%.4g' % r, ratio))
    d, t, s = steps.get('device', {}), steps.get('training', {}), steps.get('scores', {})
    md = ['# GPU run: %s' % (result['gpu'] or device), '',
          'torch %s (CUDA %s), device %s, CPU %s (%s cores), %s s in all.' % (
              torch_version, cuda, device, cpu_model, os.cpu_count(), seconds), '',
          '* Engine and check: %s; %s (%.1f s)' % (d.get('device'), d.get('check'), d.get('seconds', float('nan'))),
          '* Seeded demo-size training (%s images, %s epochs): %.1f s' % (
              t.get('images'), t.get('epochs'), t.get('seconds', float('nan'))),
          '* Scores of its model, %s images, device against CPU: AUC %.4f / %.4f, largest difference %.3g '
          '(%.3g of the largest score), same ranking: %s' % (
              s.get('images'), s.get('auc_device', float('nan')), s.get('auc_cpu', float('nan')),
              s.get('max_abs_difference', float('nan')), s.get('max_relative_difference', float('nan')),
              s.get('same_ranking')), '',
          '| task | image | batch | precision | plugin (median) | PyTorch reference | plugin / reference speed |',
          '|---|---|---|---|---|---|---|'] + rows
    with open(os.path.join(out, 'results.md'), 'w') as f:
        f.write('\n'.join(md) + '\n')
    print('\n'.join(md))


if __name__ == '__main__':
    main()
