#!/usr/bin/python3
"""The fourmu scan redone with iminuit: the same histogram, the same model, the same masses.

At every test mass: a binned extended maximum-likelihood fit (iminuit.cost.ExtendedBinnedNLL,
MIGRAD then HESSE) of signal yield x double Crystal Ball (scipy.stats.crystalball, each component
normalised on the fit window, shared mean) plus a Legendre polynomial background (degree 2 below
1 GeV, 1 above), and the background-only fit; local significance sqrt(2 ln L/L0); 90% CL CLs
upper limits in the asymptotic (Wald) approximation of Cowan, Cranmer, Gross, Vitells (EPJC 71
(2011) 1554) with the relative efficiency systematic added in quadrature, observed and expected
(median and the 1 and 2 sigma band). The yield's standard deviation at a true yield mu is
sigma(mu)^2 = sigma_b^2 + mu: sigma_b from the Fisher information sum B B^T / nu over every bin of
the window (empty ones too) at the background-only fit, plus the signal's Poisson variance; the
reported error is sigma(max(s, 0)), HESSE's is kept beside it. CLs = Phi((s - mu)/sigma_eff(mu)) /
Phi(s/sigma_b), each p-value with its own hypothesis's width; the limit is the root of CLs = 0.1,
or the smallest root of a larger fitted yield where that is lower (found by bounded minimisation);
the expected limits are the observed ones at s = N sigma_b. Everything here is written independently of the Java code; only the
inputs are shared.

Inputs come from `fourmu scan --fit-inputs DIR` (histogram.csv: binning and non-empty bins;
fits.csv: window, background degree and shape parameters per mass) and the fourmu results to
compare with (scan.csv from the same run). Run with Debian's interpreter:

    /usr/bin/python3 tools/iminuit_scan.py --fit-inputs DIR --fourmu-scan OUT/scan.csv [--every K] [--out FILE]
"""
import argparse
import csv
import math
import sys
import time

import iminuit
import numpy as np
from iminuit import Minuit
from iminuit.cost import ExtendedBinnedNLL
from numpy.polynomial import legendre
from scipy.optimize import brentq, minimize_scalar
from scipy.stats import crystalball, norm


def read_histogram(path):
    with open(path) as f:
        header = f.readline().lstrip("# ").split()
        spec = dict(kv.split("=") for kv in header)
        low, high, bins = float(spec["low_gev"]), float(spec["high_gev"]), int(spec["bins"])
        counts = np.zeros(bins)
        for row in csv.DictReader(f):
            counts[int(row["bin"])] = float(row["count"])
    return low, high, bins, counts


def bin_of(x, low, high, bins):
    """The bin containing x, as fourmu's Histogram.binOf does (-1 below, bins above)."""
    if not x >= low:
        return -1
    if x >= high:
        return bins
    return min(bins - 1, int((x - low) / (high - low) * bins))


class Component:
    """One Crystal Ball (ROOT convention: tail on the low side for alpha > 0, high side for alpha < 0)."""

    def __init__(self, mean, sigma, alpha, n, lo, hi):
        self.mean, self.sigma, self.flip = mean, sigma, alpha < 0
        self.dist = crystalball(abs(alpha), n)
        self.norm = self.cdf(hi) - self.cdf(lo)
        self.origin = self.cdf(lo)

    def cdf(self, x):
        t = (np.asarray(x) - self.mean) / self.sigma
        return self.dist.sf(-t) if self.flip else self.dist.cdf(t)

    def window_cdf(self, x):
        return (self.cdf(x) - self.origin) / self.norm


def fit_mass(fit, low, high, bins, counts):
    wlo, whi, degree = fit["window_low_gev"], fit["window_high_gev"], int(fit["poly_degree"])
    b_lo = max(0, bin_of(wlo, low, high, bins))
    b_hi = min(bins - 1, bin_of(whi, low, high, bins) - 1)
    width = (high - low) / bins
    edges = low + np.arange(b_lo, b_hi + 2) * width
    n = counts[b_lo:b_hi + 1]
    total = n.sum()
    if total == 0:
        return None
    lo, hi = edges[0], edges[-1]
    c1 = Component(fit["mean_gev"], fit["sigma1_gev"], fit["alpha1"], fit["n1"], wlo, whi)
    c2 = Component(fit["mean_gev"], fit["sigma2_gev"], fit["alpha2"], fit["n2"], wlo, whi)
    frac = fit["fraction"]
    # signal and Legendre background cumulative shapes at the edges, computed once per window
    sig_cdf = frac * c1.window_cdf(edges) + (1 - frac) * c2.window_cdf(edges)
    u = 2 * (edges - lo) / (hi - lo) - 1
    bkg_cdf = []
    for d in range(degree + 1):
        coef = np.zeros(d + 1)
        coef[d] = 1
        bkg_cdf.append(legendre.legval(u, legendre.legint(coef, lbnd=-1)) / 2)
    names = ["s"] + [f"c{d}" for d in range(degree + 1)]

    def scaled_cdf(xe, s, *c):
        out = s * sig_cdf
        for d, cd in enumerate(c):
            out = out + cd * bkg_cdf[d]
        return out

    # iminuit reads the parameter names from the signature
    if degree == 1:
        def cdf(xe, s, c0, c1):
            return scaled_cdf(xe, s, c0, c1)
    else:
        def cdf(xe, s, c0, c1, c2):
            return scaled_cdf(xe, s, c0, c1, c2)

    cost = ExtendedBinnedNLL(n, edges, cdf)
    start = dict(s=0.0, c0=float(total), c1=0.0, c2=0.0)
    m = Minuit(cost, **{k: start[k] for k in names})
    m.strategy = 1
    m.migrad()
    m.hesse()
    free = (m.values["s"], m.errors["s"], m.fval, m.valid)
    m0 = Minuit(cost, **{k: start[k] for k in names})
    m0.values["s"] = 0.0
    m0.fixed["s"] = True
    m0.migrad()
    q = max(0.0, m0.fval - free[2])  # the cost is -2 ln L (+ const)
    z = math.copysign(math.sqrt(q), free[0])
    # expected (Fisher) information at the background-only fit, over all bins of the window
    basis = np.array([np.diff(sig_cdf)] + [np.diff(b) for b in bkg_cdf])
    nu = np.diff(scaled_cdf(edges, 0.0, *[m0.values[f"c{d}"] for d in range(degree + 1)]))
    nu = np.maximum(nu, 1e-9 * max(nu.sum(), 1e-300))
    info = (basis / nu) @ basis.T
    sigma_b = math.sqrt(max(0.0, np.linalg.inv(info)[0, 0]))
    return dict(s=free[0], hesse=free[1], sigma_b=sigma_b, z=z, valid=free[3] and m0.valid, entries=total)


ALPHA_FOR = lambda cl: 1 - cl


def cls(mu, mu_hat, sigma_at, syst):
    """p_mu / (1 - p_b): the fitted yield is Gaussian under each hypothesis with that hypothesis's width."""
    if mu_hat > mu:
        return 1.0
    log_p_mu = norm.logcdf((mu_hat - mu) / math.hypot(sigma_at(mu), mu * syst))
    log_one_minus_pb = norm.logcdf(mu_hat / sigma_at(0.0))
    return min(1.0, math.exp(log_p_mu - log_one_minus_pb))


NO_EVENT_LIMIT = -math.log(0.1)  # CLs >= exp(-mu): no 90% CL limit below 2.30 events


def cls_root(mu_hat, sigma_at, syst, cl):
    alpha = ALPHA_FOR(cl)
    sigma = sigma_at(max(mu_hat, 0))
    hi = max(mu_hat, 0) + 10 * sigma
    while cls(hi, mu_hat, sigma_at, syst) > alpha:
        hi *= 2
    return brentq(lambda mu: cls(mu, mu_hat, sigma_at, syst) - alpha, 1e-12 * sigma, hi, xtol=1e-10 * sigma)


def observed_limit(mu_hat, sigma_at, syst, cl):
    """The root of CLs = 1 - CL, or the smallest root of any larger fitted yield (bounded minimisation)."""
    root = cls_root(mu_hat, sigma_at, syst, cl)
    sigma0 = sigma_at(0.0)
    if cls_root(mu_hat + 1e-4 * sigma0, sigma_at, syst, cl) >= root:
        return root
    hi = max(mu_hat, 0.0) + 5 * sigma0
    best = minimize_scalar(lambda m: cls_root(m, sigma_at, syst, cl), bounds=(mu_hat, hi), method="bounded",
                           options=dict(xatol=1e-6 * sigma0))
    return min(root, best.fun)


BAND = (-2, -1, 0, 1, 2)


def expected_limits(sigma_at, syst, cl):
    """The observed limits at the background-only quantiles of the fitted yield, N sigma(0)."""
    return [observed_limit(n * sigma_at(0.0), sigma_at, syst, cl) for n in BAND]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fit-inputs", required=True, help="directory written by fourmu scan --fit-inputs")
    ap.add_argument("--fourmu-scan", required=True, help="scan.csv of the same fourmu scan run")
    ap.add_argument("--every", type=int, default=1, help="fit every k-th test mass (default: all)")
    ap.add_argument("--out", help="write the side-by-side comparison as CSV")
    args = ap.parse_args()

    low, high, bins, counts = read_histogram(f"{args.fit_inputs}/histogram.csv")
    with open(f"{args.fit_inputs}/fits.csv") as f:
        fits = [{k: float(v) for k, v in row.items()} for row in csv.DictReader(f)]
    with open(args.fourmu_scan) as f:
        ours = list(csv.DictReader(f))
    if len(ours) != len(fits):
        sys.exit("fits.csv and scan.csv come from different runs: %d and %d test masses" % (len(fits), len(ours)))

    rows = []
    fit_seconds = 0.0
    limit_seconds = 0.0
    cpu0 = time.process_time()
    for index in range(0, len(fits), args.every):
        fit = fits[index]
        t0 = time.perf_counter()
        r = fit_mass(fit, low, high, bins, counts)
        t1 = time.perf_counter()
        fit_seconds += t1 - t0
        if r is None:
            continue
        scale, syst, cl = fit["yield_scale"], fit["rel_systematic"], fit["cl"]
        s, sigma_b = r["s"] * scale, r["sigma_b"] * scale
        sigma_at = lambda mu: math.sqrt(sigma_b ** 2 + scale * max(mu, 0.0))
        err = sigma_at(s)
        floor = NO_EVENT_LIMIT * scale
        ul = max(floor, observed_limit(s, sigma_at, syst, cl))
        band = [max(floor, e) for e in expected_limits(sigma_at, syst, cl)]
        limit_seconds += time.perf_counter() - t1
        j = ours[index]
        if abs(float(j["mass_gev"]) - fit["mass_gev"]) > 1e-6:
            sys.exit(f"row {index}: test masses differ ({j['mass_gev']} and {fit['mass_gev']})")
        rows.append(dict(mass_gev=fit["mass_gev"], entries=int(r["entries"]), valid=int(r["valid"]),
                         s_iminuit=s, s_fourmu=float(j["signal_yield"]), err_iminuit=err, err_fourmu=float(j["signal_error"]),
                         err_hesse=r["hesse"] * scale,
                         z_iminuit=r["z"], z_fourmu=float(j["local_significance"]),
                         ul_iminuit=ul, ul_fourmu=float(j["yield_ul"]),
                         **{f"exp{n:+d}_iminuit": e for n, e in zip(BAND, band)},
                         **{f"exp{n:+d}_fourmu": float(j["expected_yield_ul_" + ("median" if n == 0 else ("m" if n < 0 else "p") + str(abs(n)))])
                            for n in BAND}))

    cpu_seconds = time.process_time() - cpu0
    if args.out:
        with open(args.out, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
            w.writeheader()
            w.writerows(rows)

    valid = [r for r in rows if r["valid"]]
    def spread(key):
        return np.array([r[key] for r in valid])
    dyield = np.abs(spread("s_iminuit") - spread("s_fourmu")) / spread("err_fourmu")
    derr = np.abs(spread("err_iminuit") / spread("err_fourmu") - 1)
    dz = np.abs(spread("z_iminuit") - spread("z_fourmu"))
    dul = np.abs(spread("ul_iminuit") / spread("ul_fourmu") - 1)
    dexp = np.abs(spread("exp+0_iminuit") / spread("exp+0_fourmu") - 1)
    dband = np.max([np.abs(spread(f"exp{n:+d}_iminuit") / spread(f"exp{n:+d}_fourmu") - 1) for n in BAND if n], axis=0)
    n = len(rows)
    print(f"iminuit {iminuit.__version__} fits at {n} test masses ({n - len(valid)} not valid in MIGRAD)")
    print(f"time: {1e3 * fit_seconds / n:.2f} ms per mass point for the two fits (s+b with HESSE, b-only), "
          f"{1e3 * limit_seconds / n:.3f} ms for the limits; {fit_seconds + limit_seconds:.1f} s in all (wall clock); "
          f"process CPU time {cpu_seconds:.1f} s = {1e3 * cpu_seconds / n:.2f} ms per mass point")
    for name, d in [("|yield difference| / fourmu error", dyield), ("|error ratio - 1|", derr),
                    ("|local significance difference| [sigma]", dz), ("|observed limit ratio - 1|", dul),
                    ("|expected median ratio - 1|", dexp), ("|expected band edges ratio - 1| (largest)", dband)]:
        print(f"{name:42s} median {np.median(d):.2e}  95% {np.quantile(d, 0.95):.2e}  max {np.max(d):.2e}")
    apart = [r["mass_gev"] for r in valid if abs(r["s_iminuit"] - r["s_fourmu"]) > 0.05 * r["err_fourmu"]
             or abs(r["ul_iminuit"] / r["ul_fourmu"] - 1) > 0.02]
    print(f"masses where the yields differ by more than 5% of the error or the limits by more than 2%: {len(apart)}"
          + (": " + ", ".join(f"{m:.4f}" for m in apart[:40]) + (" ..." if len(apart) > 40 else "") if apart else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
