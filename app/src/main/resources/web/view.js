// The shift's web view: polls the read-only JSON queries of this instance and draws them as SVG.
// Self-contained on purpose (no libraries, no build): the machines on shift have no internet.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
const POLL_LIMITS_MS = 5000;
const POLL_RATES_MS = 3000;
// neighbouring test masses further apart than this many resolutions (the J/psi veto) break the curves
const GAP_IN_RESOLUTIONS = 3;
const COLOURS = { blue: "#1f4ec8", red: "#d62728" };
const PANELS = ["rates", "spectrum", "fit", "significance", "xsec-zprime", "xsec-scalar", "coupling-zprime", "coupling-scalar"];

// fitMass: the test mass the user picked (GeV), null to follow the largest local significance
const state = { limits: null, spectrum: null, rates: null, fit: null, fitMass: null, band: null, significanceAxes: null };

// ---- numbers

function fmt(v, digits) {
  if (v === null || v === undefined || !isFinite(v)) return "–";
  return Number(v).toFixed(digits);
}

function fmtCount(v) {
  if (v === null || v === undefined) return "–";
  return Math.round(v).toLocaleString("en-US");
}

function fmtSci(v, digits) {
  if (v === null || v === undefined || !isFinite(v)) return "–";
  const e = Math.floor(Math.log10(Math.abs(v)));
  return (v / Math.pow(10, e)).toFixed(digits) + "×10" + superscript(e);
}

function superscript(n) {
  const map = { "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹" };
  return String(n).split("").map(c => map[c]).join("");
}

function niceStep(span, count) {
  const raw = span / count;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / p;
  return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * p;
}

function linearTicks(lo, hi, count) {
  const step = niceStep(hi - lo, count);
  const ticks = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + 1e-9 * step; k++) {
    ticks.push({ v: k * step, label: trimNumber(k * step, step) });
  }
  return ticks;
}

function trimNumber(v, step) {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return Math.abs(v) < step * 1e-6 ? "0" : v.toFixed(decimals);
}

function logTicks(lo, hi) {
  const a = Math.floor(Math.log10(lo) + 1e-9);
  const b = Math.ceil(Math.log10(hi) - 1e-9);
  const multiples = b - a <= 2 ? [1, 2, 5] : [1];
  const ticks = [];
  for (let e = a; e <= b; e++) {
    for (const m of multiples) {
      const v = m * Math.pow(10, e);
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
        ticks.push({ v: v, label: decadeLabel(m, e) });
      }
    }
  }
  return ticks;
}

function decadeLabel(m, e) {
  if (e >= -3 && e <= 3) return (m * Math.pow(10, e)).toFixed(Math.max(0, -e));
  return (m === 1 ? "" : m + "×") + "10" + superscript(e);
}

// ---- drawing

function node(name, attrs, parent, text) {
  const n = document.createElementNS(SVG_NS, name);
  for (const k in attrs) n.setAttribute(k, attrs[k]);
  if (text !== undefined) n.textContent = text;
  if (parent) parent.appendChild(n);
  return n;
}

/** Text with _{sub} and ^{sup} markup, as tspans. */
function richText(parent, attrs, markup) {
  const t = node("text", attrs, parent);
  const re = /([_^])\{([^}]*)\}/g;
  let last = 0;
  let m;
  while ((m = re.exec(markup)) !== null) {
    if (m.index > last) node("tspan", {}, t, markup.slice(last, m.index));
    node("tspan", { "baseline-shift": m[1] === "_" ? "sub" : "super", "font-size": "75%" }, t, m[2]);
    node("tspan", { "baseline-shift": "0" }, t, "\u200b");
    last = re.lastIndex;
  }
  if (last < markup.length) node("tspan", {}, t, markup.slice(last));
  return t;
}

/** One pair of axes in an svg element; x linear, y linear or logarithmic. */
class Axes {
  constructor(svg, o) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    const box = svg.getBoundingClientRect();
    this.w = Math.max(200, box.width);
    this.h = Math.max(150, box.height);
    svg.setAttribute("viewBox", "0 0 " + this.w + " " + this.h);
    this.svg = svg;
    this.m = { left: 60, right: 12, top: 8, bottom: 38 };
    this.x0 = o.xMin; this.x1 = o.xMax; this.y0 = o.yMin; this.y1 = o.yMax; this.logY = !!o.logY;
    this.plotW = this.w - this.m.left - this.m.right;
    this.plotH = this.h - this.m.top - this.m.bottom;
    const clipId = svg.parentNode.id + "-clip";
    const defs = node("defs", {}, svg);
    const clip = node("clipPath", { id: clipId }, defs);
    node("rect", { x: this.m.left, y: this.m.top, width: this.plotW, height: this.plotH }, clip);
    this.grid = node("g", {}, svg);
    this.layer = node("g", { "clip-path": "url(#" + clipId + ")" }, svg);
    this.top = node("g", {}, svg);
    this.drawAxes(o);
  }

  sx(x) { return this.m.left + (x - this.x0) / (this.x1 - this.x0) * this.plotW; }

  sy(y) {
    const f = this.logY ? (Math.log10(y) - Math.log10(this.y0)) / (Math.log10(this.y1) - Math.log10(this.y0))
      : (y - this.y0) / (this.y1 - this.y0);
    return this.m.top + (1 - f) * this.plotH;
  }

  drawAxes(o) {
    const bottom = this.m.top + this.plotH;
    for (const t of linearTicks(this.x0, this.x1, Math.max(4, Math.round(this.plotW / 60)))) {
      const x = this.sx(t.v);
      node("line", { x1: x, x2: x, y1: this.m.top, y2: bottom, class: "grid-line" }, this.grid);
      node("line", { x1: x, x2: x, y1: bottom, y2: bottom - 5, class: "tick" }, this.top);
      node("text", { x: x, y: bottom + 14, "text-anchor": "middle", class: "tick-label" }, this.top, t.label);
    }
    const yTicks = this.logY ? logTicks(this.y0, this.y1) : linearTicks(this.y0, this.y1, Math.max(3, Math.round(this.plotH / 50)));
    for (const t of yTicks) {
      const y = this.sy(t.v);
      node("line", { x1: this.m.left, x2: this.m.left + this.plotW, y1: y, y2: y, class: "grid-line" }, this.grid);
      node("line", { x1: this.m.left, x2: this.m.left + 5, y1: y, y2: y, class: "tick" }, this.top);
      node("text", { x: this.m.left - 4, y: y + 4, "text-anchor": "end", class: "tick-label" }, this.top, t.label);
    }
    node("rect", { x: this.m.left, y: this.m.top, width: this.plotW, height: this.plotH, class: "frame" }, this.top);
    richText(this.top, { x: this.m.left + this.plotW, y: this.h - 6, "text-anchor": "end", class: "axis-label" }, o.xLabel);
    const yl = this.m.top + this.plotH / 2;
    richText(this.top, { x: 13, y: yl, transform: "rotate(-90 13 " + yl + ")", "text-anchor": "middle", class: "axis-label" }, o.yLabel);
  }

  usable(y) { return y !== null && y !== undefined && isFinite(y) && (!this.logY || y > 0); }

  /** A polyline through (x[i], y[i]) that breaks where y is missing or x[i] is flagged as a gap. */
  line(x, y, cls, gapBefore) {
    let d = "";
    let pen = false;
    let points = 0;
    for (let i = 0; i < x.length; i++) {
      if (!this.usable(y[i]) || (gapBefore && gapBefore[i])) {
        pen = false;
        if (!this.usable(y[i])) continue;
      }
      d += (pen ? "L" : "M") + this.sx(x[i]).toFixed(1) + " " + this.sy(y[i]).toFixed(1);
      pen = true;
      points++;
    }
    if (points > 0) node("path", { d: d, class: cls, "data-points": points }, this.layer);
    return points;
  }

  /** A filled band between lo and hi, one polygon per unbroken stretch. */
  band(x, lo, hi, cls, gapBefore) {
    let stretch = [];
    let points = 0;
    const flush = () => {
      if (stretch.length > 1) {
        const up = stretch.map(i => this.sx(x[i]).toFixed(1) + "," + this.sy(hi[i]).toFixed(1));
        const down = stretch.slice().reverse().map(i => this.sx(x[i]).toFixed(1) + "," + this.sy(lo[i]).toFixed(1));
        node("polygon", { points: up.concat(down).join(" "), class: cls, "data-points": stretch.length }, this.layer);
        points += stretch.length;
      }
      stretch = [];
    };
    for (let i = 0; i < x.length; i++) {
      if (gapBefore && gapBefore[i]) flush();
      if (this.usable(lo[i]) && this.usable(hi[i])) stretch.push(i); else flush();
    }
    flush();
    return points;
  }

  /** A histogram as one closed step outline: bin i covers [x0 + i w, x0 + (i + 1) w). */
  steps(x0, w, counts, cls) {
    const floor = this.logY ? this.y0 : Math.max(this.y0, 0);
    const base = this.sy(floor).toFixed(1);
    let d = "M" + this.sx(x0).toFixed(1) + " " + base;
    for (let i = 0; i < counts.length; i++) {
      const y = this.sy(this.usable(counts[i]) ? Math.max(counts[i], floor) : floor).toFixed(1);
      d += "L" + this.sx(x0 + i * w).toFixed(1) + " " + y + "L" + this.sx(x0 + (i + 1) * w).toFixed(1) + " " + y;
    }
    d += "L" + this.sx(x0 + counts.length * w).toFixed(1) + " " + base + "Z";
    node("path", { d: d, class: cls, "data-bins": counts.length }, this.layer);
  }

  /** Points with vertical error bars, one group; returns the number drawn. */
  errorPoints(x, y, err, cls) {
    const g = node("g", { class: cls, "data-bins": x.length }, this.layer);
    for (let i = 0; i < x.length; i++) {
      if (!this.usable(y[i])) continue;
      const sx = this.sx(x[i]).toFixed(1);
      if (err[i] > 0) {
        node("line", { x1: sx, x2: sx, y1: this.sy(y[i] - err[i]).toFixed(1), y2: this.sy(y[i] + err[i]).toFixed(1) }, g);
      }
      node("circle", { cx: sx, cy: this.sy(y[i]).toFixed(1), r: 1.8 }, g);
    }
    return x.length;
  }

  hline(y, cls, label) {
    if (!(y > this.y0 && y < this.y1)) return;
    const sy = this.sy(y);
    node("line", { x1: this.m.left, x2: this.m.left + this.plotW, y1: sy, y2: sy, class: "level " + cls }, this.layer);
    if (label) node("text", { x: this.m.left + 4, y: sy - 3, class: "level-label" }, this.top, label);
  }

  vline(x, cls) {
    if (!(x > this.x0 && x < this.x1)) return;
    const sx = this.sx(x);
    node("line", { x1: sx, x2: sx, y1: this.m.top, y2: this.m.top + this.plotH, class: cls }, this.layer);
  }

  text(xFrac, yFrac, s, cls, anchor) {
    return node("text", { x: this.m.left + xFrac * this.plotW, y: this.m.top + yFrac * this.plotH,
      "text-anchor": anchor || "start", class: cls }, this.top, s);
  }
}

function waiting(svgId, message) {
  const figure = document.getElementById(svgId);
  const svg = figure.querySelector("svg");
  if (figure.dataset.drawn === "true") return; // keep the last picture; the status line says what failed
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  node("text", { x: 20, y: 40, class: "waiting" }, svg, message);
}

function markDrawn(id, points) {
  const el = document.getElementById(id);
  el.dataset.drawn = "true";
  el.dataset.points = String(points);
  if (PANELS.every(p => document.getElementById(p).dataset.drawn === "true")) {
    document.body.dataset.ready = "true";
  }
}

// ---- the scan: significance and limits

/** gapBefore[i]: test mass i is further from i-1 than a few resolutions (the J/psi veto). */
function gaps(points) {
  return points.map((p, i) => i > 0 && p.massGeV - points[i - 1].massGeV > GAP_IN_RESOLUTIONS * points[i - 1].resolutionGeV);
}

function massRange(points) {
  return { lo: Math.floor(points[0].massGeV * 2) / 2, hi: Math.ceil(points[points.length - 1].massGeV * 2) / 2 };
}

function drawSignificance(limits) {
  const pts = limits.points;
  const z = pts.map(p => p.localSignificance);
  const finite = z.filter(v => v !== null && isFinite(v));
  if (pts.length === 0 || finite.length === 0) {
    waiting("significance", "no converged fit yet");
    return;
  }
  const r = massRange(pts);
  const yMin = Math.min(0, Math.min.apply(null, finite));
  const yMax = Math.max(5.5, Math.max.apply(null, finite) * 1.12);
  const ax = new Axes(document.querySelector("#significance svg"), { xMin: r.lo, xMax: r.hi, yMin: yMin, yMax: yMax,
    xLabel: "M(μμ) [GeV/c^{2}]", yLabel: "local significance [σ]" });
  state.significanceAxes = ax;
  ax.hline(3, "level-3", "3σ");
  ax.hline(5, "level-5", "5σ");
  const n = ax.line(pts.map(p => p.massGeV), z, "scan-line", gaps(pts));
  const m = limits.maxLocalSignificanceMassGeV;
  if (state.fit) ax.vline(state.fit.massGeV, "excess-line");
  if (limits.maxLocalSignificance !== null) {
    node("circle", { cx: ax.sx(m), cy: ax.sy(limits.maxLocalSignificance), r: 4, class: "excess-marker" }, ax.top);
    const right = (m - r.lo) / (r.hi - r.lo) > 0.6;
    node("text", { x: ax.sx(m) + (right ? -8 : 8), y: ax.sy(limits.maxLocalSignificance) + 4,
      "text-anchor": right ? "end" : "start", class: "annotation", id: "significance-max-label" }, ax.top,
      fmt(limits.maxLocalSignificance, 1) + "σ local at " + fmt(m, 3) + " GeV/c², " + fmt(limits.globalSignificance, 1) + "σ global");
  }
  document.getElementById("significance-note").textContent = limits.fits + " fits; largest local significance "
    + fmt(limits.maxLocalSignificance, 2) + "σ at M(μμ) = " + fmt(m, 4) + " GeV/c²; global " + fmt(limits.globalSignificance, 2)
    + "σ (Gross–Vitells, " + limits.upCrossings + " up-crossings)";
  markDrawn("significance", n);
}

const MODELS = {
  zprime: { xsec: "xsecLimitZPrimeFb", xsecBand: "expectedXsecLimitsZPrimeFb", g: "couplingLimitZPrime",
    gBand: "expectedCouplingLimitsZPrime", x: "M(Z′) [GeV/c^{2}]", sigma: "σ × B [fb]", coupling: "g′" },
  scalar: { xsec: "xsecLimitScalarFb", xsecBand: "expectedXsecLimitsScalarFb", g: "couplingLimitScalar",
    gBand: "expectedCouplingLimitsScalar", x: "M(S) [GeV/c^{2}]", sigma: "σ × B [fb]", coupling: "g_{S}" }
};

/** The (g-2)_mu band of a model within the scan's mass range, or null until /api/anomaly-band answered. */
function anomalyBand(model, r) {
  if (!state.band) return null;
  const b = model === "zprime" ? state.band.zPrime : state.band.scalar;
  const keep = state.band.massGeV.map((m, i) => m >= r.lo && m <= r.hi ? i : -1).filter(i => i >= 0);
  return { x: keep.map(i => state.band.massGeV[i]), lo: keep.map(i => b.lower[i]), hi: keep.map(i => b.upper[i]) };
}

function drawLimitPanel(id, pts, observed, band, xLabel, yLabel, g2) {
  const obs = pts.map(p => p[observed]);
  const q = k => pts.map(p => (p[band] && p[band].length === 5) ? p[band][k] : null);
  const all = obs.concat(q(0), q(4)).filter(v => v !== null && isFinite(v) && v > 0);
  // the band's upper edge within the plot (the paper's Fig. 14 shows where it crosses the limits); its lower
  // edge may be 0 (Delta a_mu - 2 sigma not positive), which a log axis cuts at the frame
  const g2Top = g2 ? g2.hi.filter(v => isFinite(v) && v > 0) : [];
  if (all.length === 0) {
    waiting(id, "no limits yet (efficiencies from the calibration bundle?)");
    return;
  }
  // the few masses with a spike (a lone candidate early in a run) must not squash the rest: the axis ends a
  // decade above the 95th percentile, and a spike beyond it is clipped at the frame
  all.sort((a, b) => a - b);
  const top = Math.min(all[all.length - 1], 10 * all[Math.floor(0.95 * (all.length - 1))]);
  const bottom = g2Top.length ? Math.min(all[0], Math.min.apply(null, g2Top) / 2) : all[0];
  const lo = Math.pow(10, Math.floor(Math.log10(bottom) - 0.05));
  const hi = Math.pow(10, Math.ceil(Math.log10(top) + 0.05));
  const r = massRange(pts);
  const ax = new Axes(document.querySelector("#" + id + " svg"), { xMin: r.lo, xMax: r.hi, yMin: lo, yMax: hi, logY: true,
    xLabel: xLabel, yLabel: yLabel });
  const x = pts.map(p => p.massGeV);
  const gap = gaps(pts);
  if (g2) ax.band(g2.x, g2.lo.map(v => v > 0 ? v : lo / 10), g2.hi, "band-g2");
  ax.band(x, q(0), q(4), "band-two", gap);
  ax.band(x, q(1), q(3), "band-one", gap);
  ax.line(x, q(2), "median-line", gap);
  markDrawn(id, ax.line(x, obs, "observed-line", gap));
}

function drawLimits(limits) {
  const pts = limits.points;
  if (pts.length === 0) return;
  for (const model of ["zprime", "scalar"]) {
    const m = MODELS[model];
    drawLimitPanel("xsec-" + model, pts, m.xsec, m.xsecBand, m.x, m.sigma);
    drawLimitPanel("coupling-" + model, pts, m.g, m.gBand, m.x, m.coupling, anomalyBand(model, massRange(pts)));
  }
}

// ---- the fit at one test mass (the paper's Fig. 12)

function fitMass() {
  if (state.fitMass !== null) return state.fitMass;
  return state.limits && state.limits.points.length > 0 ? state.limits.maxLocalSignificanceMassGeV : null;
}

function drawFit(f) {
  const edges = f.binEdgesGeV;
  const n = f.counts.length;
  // data and curves per the nominal bin width (the window's last bin may be narrower)
  const scale = i => f.binWidthGeV / (edges[i + 1] - edges[i]);
  const x = f.counts.map((c, i) => (edges[i] + edges[i + 1]) / 2);
  const y = f.counts.map((c, i) => c * scale(i));
  const err = f.counts.map((c, i) => Math.sqrt(c) * scale(i));
  let top = Math.max.apply(null, y.map((v, i) => v + err[i]));
  if (f.curveSignalPlusBackground) top = Math.max(top, Math.max.apply(null, f.curveSignalPlusBackground));
  const ax = new Axes(document.querySelector("#fit svg"), { xMin: edges[0], xMax: edges[n], yMin: 0,
    yMax: Math.max(4, top * 1.5), xLabel: "M_{R}(μμ) [GeV/c^{2}]",
    yLabel: "candidates / (" + +(f.binWidthGeV * 1e3).toPrecision(3) + " MeV/c^{2})" });
  ax.vline(f.reducedMassGeV, "excess-line");
  if (f.curveBackgroundOnly) ax.line(f.curveReducedMassGeV, f.curveBackgroundOnly, "fit-b-line");
  if (f.curveSignalPlusBackground) ax.line(f.curveReducedMassGeV, f.curveSignalPlusBackground, "fit-sb-line");
  ax.errorPoints(x, y, err, "fit-data");
  const label = ["M(μμ) = " + fmt(f.massGeV, 4) + " GeV/c²",
    "N_sig = " + fmt(f.signalYield, 1) + " ± " + fmt(f.signalYieldError, 1),
    "local significance " + fmt(f.localSignificance, 2) + "σ"];
  label.forEach((t, i) => ax.text(0.02, 0.07 + 0.065 * i, t, "fit-label", "start"));
  const legend = [["fit-data", "data"], ["fit-sb-line", "signal + background"], ["fit-b-line", "background only"]];
  legend.forEach((l, i) => {
    const yy = ax.m.top + 12 + 14 * i;
    const x0 = ax.m.left + ax.plotW - 135;
    if (l[0] === "fit-data") node("circle", { cx: x0 + 9, cy: yy - 4, r: 2, class: "fit-data" }, ax.top);
    else node("line", { x1: x0, x2: x0 + 18, y1: yy - 4, y2: yy - 4, class: l[0] }, ax.top);
    node("text", { x: x0 + 22, y: yy, class: "fit-legend" }, ax.top, l[1]);
  });
  document.getElementById("fit-title").textContent = state.fitMass === null ? "Fit at the largest excess" : "Fit at the chosen mass";
  const provenance = f.newDataSinceScan === true ? "candidates arrived since the published scan: this fit is newer"
    : f.limitCurveShowsThisFit === true ? "the point of limit curve v" + f.limitCurveVersion
    : f.limitCurveVersion !== null ? "limit curve v" + f.limitCurveVersion + " not yet updated" : "";
  document.getElementById("fit-note").textContent = f.fitStatus.toLowerCase() + "; " + fmtCount(f.windowEntries)
    + " candidates in M_R " + fmt(f.windowLowGeV, 4) + "–" + fmt(f.windowHighGeV, 4) + " GeV (60 × σ = " + fmt(f.resolutionGeV * 1e3, 2)
    + " MeV), MLP range " + f.mlpRange + "; yield × " + f.yieldScale + "; segment " + f.segment + " scan v" + f.segmentScanVersion
    + (provenance ? "; " + provenance : "");
  markDrawn("fit", n);
}

async function pollFit() {
  const m = fitMass();
  if (m === null) {
    waiting("fit", "waiting for the first limit curve");
    return;
  }
  try {
    state.fit = await getJson("/api/fit?mass=" + m.toFixed(5));
    report("fit");
    drawFit(state.fit);
  } catch (e) {
    report("fit", e);
    waiting("fit", "no fit (" + e.message + ")");
  }
}

function pickFitMass(m) {
  state.fitMass = m;
  document.getElementById("fit-mass").value = m === null ? "" : m.toFixed(4);
  document.getElementById("fit").dataset.drawn = "false";
  pollFit().then(() => { if (state.limits) drawSignificance(state.limits); });
}

async function loadAnomalyBand() {
  try {
    state.band = await getJson("/api/anomaly-band");
    report("band");
  } catch (e) {
    report("band", e);
  }
}

// ---- the spectrum

function spectrumQuery() {
  const view = document.getElementById("spectrum-view").value;
  const range = document.getElementById("spectrum-range").value;
  const rebin = document.getElementById("spectrum-bin").value;
  let q = "view=" + view + "&rebin=" + rebin;
  if (range === "jpsi") q += "&massLow=2.9&massHigh=3.3";
  if (range === "excess" && state.limits && state.limits.points.length > 0) {
    const m = state.limits.maxLocalSignificanceMassGeV;
    q += "&massLow=" + (m - 0.15).toFixed(4) + "&massHigh=" + (m + 0.15).toFixed(4);
  }
  return q;
}

function drawSpectrum(s) {
  const log = document.getElementById("spectrum-scale").value === "log";
  const counts = s.counts;
  const maxCount = counts.reduce((a, b) => Math.max(a, b), 0);
  const ax = new Axes(document.querySelector("#spectrum svg"), {
    xMin: s.reducedMassLowGeV, xMax: s.reducedMassHighGeV,
    yMin: log ? 0.5 : 0, yMax: log ? Math.max(10, maxCount * 3) : Math.max(5, maxCount * 1.1), logY: log,
    xLabel: "M_{R}(μμ) [GeV/c^{2}]", yLabel: "candidates / (" + +(s.binWidthGeV * 1e3).toPrecision(3) + " MeV/c^{2})" });
  ax.steps(s.reducedMassLowGeV, s.binWidthGeV, counts, "histogram");
  const L = state.limits;
  if (L && L.maxLocalSignificance !== null && L.points.length > 0) {
    const p = L.points.reduce((a, b) => Math.abs(b.massGeV - L.maxLocalSignificanceMassGeV) < Math.abs(a.massGeV - L.maxLocalSignificanceMassGeV) ? b : a);
    ax.vline(p.reducedMassGeV, "excess-line");
  }
  const span = s.view === "window" && s.windowStartMillis !== null
    ? ", record time " + new Date(s.windowStartMillis).toISOString().slice(11, 16) + "–" + new Date(s.windowEndMillis).toISOString().slice(11, 16) + " UTC"
    : "";
  document.getElementById("spectrum-note").textContent = fmtCount(s.entries) + " candidates in "
    + fmt(s.massLowGeV, 3) + "–" + fmt(s.massHighGeV, 3) + " GeV/c² (M(μμ))" + span
    + (L && L.maxLocalSignificance !== null ? "; dashed: the test mass of the largest local significance" : "");
  if (s.entries > 0) markDrawn("spectrum", counts.length);
}

// ---- rates and status

function drawRates(r, limits) {
  if (r) {
    set("rate-events", r.eventsPerSecond === null ? "–" : fmt(r.eventsPerSecond, r.eventsPerSecond < 100 ? 1 : 0) + " /s");
    set("total-events", fmtCount(r.eventsIn) + " read since start");
    set("rate-candidates", r.candidatesPerSecond === null ? "–" : fmt(r.candidatesPerSecond, 1) + " /s");
    set("total-candidates", fmtCount(r.candidates) + " since start");
    set("total-deadletters", fmtCount(r.deadLetters));
    const reasons = Object.entries(r.deadLettersByReason).filter(e => e[1] > 0).map(e => e[0].toLowerCase() + " " + e[1]);
    set("reasons-deadletters", reasons.length ? reasons.join(", ") : "none");
    document.getElementById("total-deadletters").classList.toggle("alarm", r.deadLetters > 0);
    set("lumi-integrated", r.integratedLuminosityInvFb === null ? "–" : fmt(r.integratedLuminosityInvFb, 3) + " fb⁻¹");
    set("lumi-instantaneous", r.instantaneousLuminosityPerCm2s === null ? "instantaneous: –"
      : "instantaneous " + fmtSci(r.instantaneousLuminosityPerCm2s, 2) + " cm⁻²s⁻¹");
  }
  if (limits) {
    set("max-local", fmt(limits.maxLocalSignificance, 2) + "σ");
    set("max-local-mass", "at M(μμ) = " + fmt(limits.maxLocalSignificanceMassGeV, 4) + " GeV/c²");
    set("global", fmt(limits.globalSignificance, 2) + "σ");
    set("global-crossings", "Gross–Vitells, " + limits.upCrossings + " up-crossings");
    set("curve-version", "v" + limits.version);
    const age = (Date.now() - limits.publishedMillis) / 1000;
    set("curve-age", limits.fits + " fits, " + fmtCount(limits.candidates) + " candidates, " + fmt(Math.max(0, age), 0) + " s ago");
  }
  if (r && limits) markDrawn("rates", 1);
}

function set(id, text) { document.getElementById(id).textContent = text; }

function status(parts) {
  const el = document.getElementById("status");
  el.textContent = "";
  for (const p of parts) {
    const span = document.createElement("span");
    span.textContent = p.text;
    if (p.cls) span.className = p.cls;
    el.appendChild(span);
  }
}

// ---- polling

async function getJson(path) {
  const response = await fetch(path, { cache: "no-store" });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(path + ": " + response.status + (body.message ? " " + body.message : ""));
  return body;
}

const problems = {};

function report(key, error) {
  if (error) problems[key] = error.message; else delete problems[key];
}

async function pollScan() {
  if (!state.band) await loadAnomalyBand();
  try {
    state.limits = await getJson("/api/limits");
    report("limits");
    await pollFit();
    drawSignificance(state.limits);
    drawLimits(state.limits);
  } catch (e) {
    report("limits", e);
    waiting("significance", "waiting for the first limit curve (" + e.message + ")");
    for (const id of ["xsec-zprime", "xsec-scalar", "coupling-zprime", "coupling-scalar"]) waiting(id, "waiting for the first limit curve");
  }
  await pollSpectrum();
  drawRates(state.rates, state.limits);
  await pollHealth();
  setTimeout(pollScan, POLL_LIMITS_MS);
}

async function pollSpectrum() {
  try {
    state.spectrum = await getJson("/api/spectra?" + spectrumQuery());
    report("spectrum");
    drawSpectrum(state.spectrum);
  } catch (e) {
    report("spectrum", e);
    waiting("spectrum", "waiting for the spectrum (" + e.message + ")");
  }
}

async function pollRates() {
  try {
    state.rates = await getJson("/api/rates");
    report("rates");
    drawRates(state.rates, state.limits);
  } catch (e) {
    report("rates", e);
  }
  setTimeout(pollRates, POLL_RATES_MS);
}

async function pollHealth() {
  let text;
  let ok = false;
  try {
    const response = await fetch("/health/ready", { cache: "no-store" });
    const body = await response.json();
    text = "Kafka Streams " + body.state;
    ok = response.ok;
  } catch (e) {
    text = "application not reachable";
  }
  const parts = [{ text: text, cls: ok ? "state-ok" : "state-bad" }];
  if (state.limits) {
    parts.push({ text: " · analysis " + state.limits.analysisId + " · calibration " + state.limits.calibrationId });
  }
  const issues = Object.values(problems);
  if (issues.length) parts.push({ text: " · " + issues.join("; "), cls: "state-bad" });
  parts.push({ text: " · updated " + new Date().toISOString().slice(11, 19) + " UTC" });
  status(parts);
}

for (const id of ["spectrum-view", "spectrum-range", "spectrum-bin", "spectrum-scale"]) {
  document.getElementById(id).addEventListener("change", () => {
    document.getElementById("spectrum").dataset.drawn = "false";
    pollSpectrum();
  });
}
document.getElementById("fit-mass").addEventListener("change", e => {
  const v = parseFloat(e.target.value);
  pickFitMass(isFinite(v) ? v : null);
});
document.getElementById("fit-largest").addEventListener("click", () => pickFitMass(null));
document.querySelector("#significance svg").addEventListener("click", e => {
  const ax = state.significanceAxes;
  if (!ax) return;
  const box = e.currentTarget.getBoundingClientRect();
  const px = (e.clientX - box.left) * ax.w / box.width;
  const pts = state.limits ? state.limits.points : [];
  if (px < ax.m.left || px > ax.m.left + ax.plotW || pts.length === 0) return;
  const m = ax.x0 + (px - ax.m.left) / ax.plotW * (ax.x1 - ax.x0);
  pickFitMass(Math.min(pts[pts.length - 1].massGeV, Math.max(pts[0].massGeV, m)));
});
pollRates();
pollScan();
