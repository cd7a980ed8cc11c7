"""A plain PyTorch re-statement of GANomaly as the reference implementation
(samet-akcay/ganomaly, lib/networks.py + lib/model.py, current scheme) does it.
It is the baseline the Java/DJL port is measured against, so it follows the
reference's choices, including the odd ones, and says where it departs.

    /usr/bin/python3 ganomaly_ref.py --selftest
"""
import argparse
import copy
import json
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


# --------------------------------------------------------------------------- networks

def _check_isize(isize):
    if isize < 16 or isize & (isize - 1):
        raise ValueError('isize must be a power of two >= 16, got %d' % isize)


def encoder_layers(isize, nz, nc, nf, extra_layers=0):
    """DCGAN encoder: nc x isize x isize -> nz x 1 x 1. No conv has a bias."""
    _check_isize(isize)
    layers = [nn.Conv2d(nc, nf, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, inplace=True)]  # no BN here
    size, c = isize // 2, nf
    for _ in range(extra_layers):
        layers += [nn.Conv2d(c, c, 3, 1, 1, bias=False), nn.BatchNorm2d(c), nn.LeakyReLU(0.2, inplace=True)]
    while size > 4:
        layers += [nn.Conv2d(c, 2 * c, 4, 2, 1, bias=False), nn.BatchNorm2d(2 * c), nn.LeakyReLU(0.2, inplace=True)]
        c, size = 2 * c, size // 2
    layers.append(nn.Conv2d(c, nz, 4, 1, 0, bias=False))  # final conv, no activation
    return layers


class Encoder(nn.Module):
    def __init__(self, isize, nz, nc, nf, extra_layers=0):
        super().__init__()
        self.main = nn.Sequential(*encoder_layers(isize, nz, nc, nf, extra_layers))

    def forward(self, x):
        return self.main(x)


class Decoder(nn.Module):
    """DCGAN decoder: nz x 1 x 1 -> nc x isize x isize, tanh output."""

    def __init__(self, isize, nz, nc, nf, extra_layers=0):
        super().__init__()
        _check_isize(isize)
        c = nf * isize // 8                     # 256 at isize 32, nf 64
        layers = [nn.ConvTranspose2d(nz, c, 4, 1, 0, bias=False), nn.BatchNorm2d(c), nn.ReLU(True)]
        size = 4
        while size < isize // 2:
            layers += [nn.ConvTranspose2d(c, c // 2, 4, 2, 1, bias=False), nn.BatchNorm2d(c // 2), nn.ReLU(True)]
            c, size = c // 2, size * 2
        for _ in range(extra_layers):
            layers += [nn.Conv2d(c, c, 3, 1, 1, bias=False), nn.BatchNorm2d(c), nn.ReLU(True)]
        layers += [nn.ConvTranspose2d(c, nc, 4, 2, 1, bias=False), nn.Tanh()]
        self.main = nn.Sequential(*layers)

    def forward(self, z):
        return self.main(z)


class NetG(nn.Module):
    """encoder1 -> decoder -> encoder2; returns (x_hat, z, z_hat), z's are N x nz x 1 x 1."""

    def __init__(self, isize, nc, nz=100, nf=64, extra_layers=0):
        super().__init__()
        self.encoder1 = Encoder(isize, nz, nc, nf, extra_layers)
        self.decoder = Decoder(isize, nz, nc, nf, extra_layers)
        self.encoder2 = Encoder(isize, nz, nc, nf, extra_layers)

    def forward(self, x):
        z = self.encoder1(x)
        x_hat = self.decoder(z)
        return x_hat, z, self.encoder2(x_hat)


class NetD(nn.Module):
    """An Encoder with nz = 1: features = all but the last conv, classifier = last conv + sigmoid.
    Returns (probability N, features N x C x 4 x 4)."""

    def __init__(self, isize, nc, nf=64, extra_layers=0):
        super().__init__()
        layers = encoder_layers(isize, 1, nc, nf, extra_layers)
        self.features = nn.Sequential(*layers[:-1])
        self.classifier = nn.Sequential(layers[-1], nn.Sigmoid())

    def forward(self, x):
        f = self.features(x)
        return self.classifier(f).view(-1), f


def weights_init(m):
    """Reference init: conv / transposed-conv weights N(0, 0.02), BN gamma N(1, 0.02), beta 0.
    BN running statistics are left alone (the reference's re-init of D does not reset them)."""
    if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
        m.weight.data.normal_(0.0, 0.02)
    elif isinstance(m, nn.BatchNorm2d):
        m.weight.data.normal_(1.0, 0.02)
        m.bias.data.fill_(0)


def count_params(module):
    return sum(p.numel() for p in module.parameters() if p.requires_grad)


# --------------------------------------------------------------------------- training and scoring

class Ganomaly:
    """Two networks, two Adam optimizers, the reference's iteration and test-time score."""

    def __init__(self, isize=32, nc=1, nz=100, nf=64, extra_layers=0,
                 w_adv=1.0, w_con=50.0, w_enc=1.0, lr=2e-4, beta1=0.5, seed=None, device='cpu'):
        if seed is not None:
            torch.manual_seed(seed)             # G is built and initialised first, then D, as in the reference
        self.netg = NetG(isize, nc, nz, nf, extra_layers).to(device)
        self.netd = NetD(isize, nc, nf, extra_layers).to(device)
        self.netg.apply(weights_init)
        self.netd.apply(weights_init)
        self.netg.train()
        self.netd.train()
        self.w_adv, self.w_con, self.w_enc = w_adv, w_con, w_enc
        self.opt_g = torch.optim.Adam(self.netg.parameters(), lr=lr, betas=(beta1, 0.999))
        self.opt_d = torch.optim.Adam(self.netd.parameters(), lr=lr, betas=(beta1, 0.999))
        self.reinit_threshold = 1e-5
        self.d_reinits = 0
        self.device = device

    def train_step(self, x):
        """One reference iteration on batch x; returns the losses as floats."""
        g, d = self.netg, self.netd
        # forward_g, forward_d: x_hat and D's outputs are made before either update
        x_hat, z, z_hat = g(x)
        pred_real, _ = d(x)
        pred_fake, _ = d(x_hat.detach())

        # G step. The reference runs D again on x and on x_hat here (two more D forwards
        # in train mode) rather than reusing the features above; we keep that, it costs time.
        # D's parameters get gradients from err_g; they are zeroed before the D step below.
        self.opt_g.zero_grad()
        err_adv = torch.mean((d(x)[1] - d(x_hat)[1]) ** 2)
        err_con = torch.mean(torch.abs(x_hat - x))
        err_enc = torch.mean((z_hat - z) ** 2)
        err_g = self.w_adv * err_adv + self.w_con * err_con + self.w_enc * err_enc
        # The reference passes retain_graph=True; nothing below goes back through
        # this graph (the D loss uses x_hat.detach()), so it is not needed.
        err_g.backward()
        self.opt_g.step()

        # D step, with the predictions made before the G step
        self.opt_d.zero_grad()
        err_d = 0.5 * (F.binary_cross_entropy(pred_real, torch.ones_like(pred_real)) +
                       F.binary_cross_entropy(pred_fake, torch.zeros_like(pred_fake)))
        err_d.backward()
        self.opt_d.step()
        reinit = err_d.item() < self.reinit_threshold
        if reinit:                                # weights only; Adam state is kept
            self.netd.apply(weights_init)
            self.d_reinits += 1
        return {'err_g': err_g.item(), 'err_adv': err_adv.item(), 'err_con': err_con.item(),
                'err_enc': err_enc.item(), 'err_d': err_d.item(), 'd_reinit': reinit}

    @torch.no_grad()
    def score(self, x, batch=64, bn='batch', generator=None):
        """A(x) = mean over nz of (z - z_hat)^2, one value per image (not min-max scaled).

        bn='batch': BatchNorm uses each batch's own statistics, as the reference's test()
          does (it never calls eval()); batches of `batch` images in a random order drawn
          from `generator` (the reference's MNIST test loader shuffles), so a score
          depends on the other images in its batch. The reference's test() also updates
          the running statistics with the test batches; we restore them afterwards so
          that eval-mode scoring is not fed test images.
        bn='eval': BatchNorm uses the running statistics; scores do not depend on batching.
        """
        g = self.netg
        n = x.shape[0]
        out = torch.empty(n)
        if bn == 'eval':
            order = torch.arange(n)
            g.eval()
        elif bn == 'batch':
            order = torch.randperm(n, generator=generator) if generator is not None else torch.arange(n)
            saved = copy.deepcopy([b.clone() for b in g.buffers()])
            g.train()
        else:
            raise ValueError(bn)
        try:
            for i in range(0, n, batch):
                idx = order[i:i + batch]
                _, z, z_hat = g(x[idx].to(self.device))
                out[idx] = ((z - z_hat) ** 2).flatten(1).mean(1).cpu()
        finally:
            g.train()
            if bn == 'batch':
                for b, s in zip(g.buffers(), saved):
                    b.copy_(s)
        return out


# --------------------------------------------------------------------------- self-test

def _selftest():
    ok = True

    def check(cond, what):
        nonlocal ok
        ok &= bool(cond)
        print('%s  %s' % ('PASS' if cond else 'FAIL', what))

    expected = {(32, 1): (3200384, 661248), (32, 3): (3206528, 663296), (64, 3): (10729856, 2765568)}
    for (isize, nc), (eg, ed) in expected.items():
        g, d = NetG(isize, nc), NetD(isize, nc)
        pg, pd = count_params(g), count_params(d)
        check(pg == eg and pd == ed, 'isize %d nc %d: NetG %s NetD %s params (expected %s / %s)'
              % (isize, nc, format(pg, ','), format(pd, ','), format(eg, ','), format(ed, ',')))
        biases = [n for n, m in list(g.named_modules()) + list(d.named_modules())
                  if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)) and m.bias is not None]
        check(not biases, 'isize %d nc %d: no conv has a bias' % (isize, nc))
        x = torch.randn(2, nc, isize, isize)
        x_hat, z, z_hat = g(x)
        p, f = d(x)
        fshape = (2, 8 * isize, 4, 4) if isize == 32 else (2, 512, 4, 4)
        check(x_hat.shape == x.shape and z.shape == (2, 100, 1, 1) and z_hat.shape == z.shape
              and p.shape == (2,) and f.shape == fshape,
              'isize %d nc %d: shapes x_hat %s z %s D prob %s features %s'
              % (isize, nc, tuple(x_hat.shape), tuple(z.shape), tuple(p.shape), tuple(f.shape)))

    # init statistics
    m = Ganomaly(32, 1, seed=0)
    convw = torch.cat([mm.weight.flatten() for mm in m.netg.modules() if isinstance(mm, (nn.Conv2d, nn.ConvTranspose2d))])
    gam = torch.cat([mm.weight for mm in m.netg.modules() if isinstance(mm, nn.BatchNorm2d)])
    bet = torch.cat([mm.bias for mm in m.netg.modules() if isinstance(mm, nn.BatchNorm2d)])
    check(abs(convw.std().item() - 0.02) < 1e-3 and abs(convw.mean().item()) < 1e-3 and
          abs(gam.mean().item() - 1) < 5e-3 and abs(gam.std().item() - 0.02) < 5e-3 and (bet == 0).all(),
          'init: conv w mean %.5f std %.5f; BN gamma mean %.4f std %.4f; beta all 0'
          % (convw.mean(), convw.std(), gam.mean(), gam.std()))

    # one iteration: D's update must come from err_d alone. Replay the D step by hand
    # from a copy of D taken before the iteration and compare.
    torch.manual_seed(1)
    x = torch.rand(8, 1, 32, 32) * 2 - 1
    m = Ganomaly(32, 1, seed=0)
    d0, g0 = copy.deepcopy(m.netd), copy.deepcopy(m.netg)
    losses = m.train_step(x)
    check(all(math.isfinite(v) for k, v in losses.items() if k != 'd_reinit'),
          'one iteration: ' + ', '.join('%s %.4f' % (k, v) for k, v in losses.items() if k != 'd_reinit'))
    with torch.no_grad():
        x_hat0 = g0(x)[0]                            # x_hat before the G step (G in train mode)
    opt = torch.optim.Adam(d0.parameters(), lr=2e-4, betas=(0.5, 0.999))
    pr, _ = d0(x)
    pf, _ = d0(x_hat0)
    err = 0.5 * (F.binary_cross_entropy(pr, torch.ones_like(pr)) + F.binary_cross_entropy(pf, torch.zeros_like(pf)))
    err.backward()
    opt.step()
    diff = max((a - b).abs().max().item() for a, b in zip(d0.parameters(), m.netd.parameters()))
    check(diff < 1e-6 and abs(err.item() - losses['err_d']) < 1e-6,
          'D update = Adam step on err_d only (max |diff| %.2e), no err_g gradient leaks into D' % diff)
    moved = max((a - b).abs().max().item() for a, b in zip(g0.parameters(), m.netg.parameters()))
    check(moved > 0, 'G parameters moved (max |step| %.2e)' % moved)

    # re-init of D when err_d is below the threshold: weights fresh, Adam state kept
    m.reinit_threshold = float('inf')
    before = [p.detach().clone() for p in m.netd.parameters()]
    r = m.train_step(x)
    w = m.netd.features[0].weight
    check(r['d_reinit'] and m.d_reinits == 1 and len(m.opt_d.state) > 0 and abs(w.std().item() - 0.02) < 3e-3
          and any((a - b).abs().max() > 1e-3 for a, b in zip(before, m.netd.parameters())),
          'D re-initialised when err_d < threshold (first conv std %.4f), Adam state kept' % w.std())

    # scoring: batch statistics vs eval mode
    m = Ganomaly(32, 1, seed=0)
    for _ in range(2):
        m.train_step(x)
    xs = torch.rand(10, 1, 32, 32) * 2 - 1
    buf = [b.clone() for b in m.netg.buffers()]
    s_b = m.score(xs, batch=5, bn='batch')
    s_b2 = m.score(xs, batch=10, bn='batch')
    same_buf = all(torch.equal(a, b) for a, b in zip(buf, m.netg.buffers()))
    s_e = m.score(xs, batch=5, bn='eval')
    s_e2 = m.score(xs, batch=3, bn='eval')
    check(s_b.shape == (10,) and same_buf and not torch.allclose(s_b, s_b2) and torch.allclose(s_e, s_e2, atol=1e-6),
          'scores: batch-stat scores depend on the batch, eval-mode ones do not; running stats untouched')
    print('selftest', 'passed' if ok else 'FAILED')
    return ok


def write_json(result, out):
    """Writes a result as indented JSON to the file `out` (folders made as needed), or to stdout when None."""
    text = json.dumps(result, indent=1)
    if out:
        os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
        with open(out, 'w') as f:
            f.write(text + '\n')
        print('wrote ' + out, file=sys.stderr)
    else:
        print(text)


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--selftest', action='store_true')
    ap.add_argument('--threads', type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    if a.selftest:
        raise SystemExit(0 if _selftest() else 1)
    ap.print_help()
