package org.fourmu.simulation.amplitude;

import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.kinematics.FourVector;

/**
 * Tree-level helicity amplitudes built from {@link Dirac}, squared and summed over all
 * helicities (not averaged: divide by 4 for unpolarised beams).
 *
 * <p>Momentum order is always p[0] = e-, p[1] = e+ (incoming), then the outgoing particles:
 * mu-, mu+ (, mu-, mu+) (, X or photon). QED vertices carry -i e Q gamma^mu with Q = -1 for both
 * electrons and muons, so the coupling factors and the i's of the propagators are common to all
 * diagrams of one process and drop out of |M|^2 except for the overall e^n g^m; only Fermi signs
 * between pairings remain. Couplings: e^2 = 4 pi alpha(0).
 */
public final class Amplitudes {

    /** e^2 = 4 pi alpha(0). */
    public static final double E2 = 4 * Math.PI * PhysicalConstants.ALPHA_0;
    private static final double ME = PhysicalConstants.ELECTRON_MASS_GEV;
    private static final double MMU = PhysicalConstants.MUON_MASS_GEV;
    private static final int[] HEL = {-1, 1};

    private Amplitudes() {
    }

    /** The coupling structure of a new boson X to muons. */
    public enum XCoupling {
        /** g' X_mu mubar gamma^mu mu (the L_mu - L_tau Z'). */
        VECTOR,
        /** g_S S mubar mu (the muonphilic scalar). */
        SCALAR
    }

    /** Spinors of the beams and the s-channel electron current divided by s, per (h-, h+). */
    private static double[][][] beamCurrents(FourVector em, FourVector ep) {
        double s = em.plus(ep).mass2();
        double[][][] out = new double[2][2][];
        for (int i = 0; i < 2; i++) {
            double[] u = Dirac.u(em, ME, HEL[i]);
            for (int j = 0; j < 2; j++) {
                double[] vb = Dirac.bar(Dirac.v(ep, ME, HEL[j]));
                out[i][j] = Dirac.scale(Dirac.current(vb, u), 1 / s, 0);
            }
        }
        return out;
    }

    private static double[][] rows(FourVector p, double m) {
        return new double[][] {Dirac.bar(Dirac.u(p, m, -1)), Dirac.bar(Dirac.u(p, m, 1))};
    }

    private static double[][] vs(FourVector p, double m) {
        return new double[][] {Dirac.v(p, m, -1), Dirac.v(p, m, 1)};
    }

    private static double abs2(double[] c) {
        return c[0] * c[0] + c[1] * c[1];
    }

    /** Sum over helicities of |M|^2 for e+e- -> gamma* -> mu+mu-. */
    public static double eeToMuMu(FourVector[] p) {
        double[][][] beam = beamCurrents(p[0], p[1]);
        double[][] rb = rows(p[2], MMU);
        double[][] va = vs(p[3], MMU);
        double sum = 0;
        for (double[][] bi : beam) {
            for (double[] b : bi) {
                for (double[] r : rb) {
                    for (double[] v : va) {
                        sum += abs2(Dirac.dot(b, Dirac.current(r, v)));
                    }
                }
            }
        }
        return sum * E2 * E2;
    }

    /**
     * The emission of a boson off the mu- (row rb, momentum pb) or mu+ (spinor va, momentum pa) of a
     * pair produced by the s-channel current sCur: rb [G S(pb+k) sCur/ + sCur/ S(-pa-k) G] va, where
     * G = eps/ for a vector (eps non-null) and 1 for a scalar (eps null).
     */
    static double[] emission(double[] sCur, double[] rb, FourVector pb, double[] va, FourVector pa, double[] eps, FourVector k) {
        double[] t1 = Dirac.propagate(pb.plus(k), MMU, Dirac.slash(sCur, va));
        if (eps != null) {
            t1 = Dirac.slash(eps, t1);
        }
        double[] t2 = eps != null ? Dirac.slash(eps, va) : va;
        t2 = Dirac.slash(sCur, Dirac.propagate(pa.plus(k).times(-1), MMU, t2));
        return Dirac.contract(rb, Dirac.add(t1, t2));
    }

    /**
     * Sum over fermion helicities of |M|^2 for e+e- -> mu-(p2) mu+(p3) X(p4) with X emitted by a
     * muon, for a given X polarisation vector (or null for a scalar X), coupling g = 1.
     */
    public static double eeToMuMuX(FourVector[] p, double[] eps) {
        double[][][] beam = beamCurrents(p[0], p[1]);
        double[][] rb = rows(p[2], MMU);
        double[][] va = vs(p[3], MMU);
        double sum = 0;
        for (double[][] bi : beam) {
            for (double[] b : bi) {
                for (double[] r : rb) {
                    for (double[] v : va) {
                        sum += abs2(emission(b, r, p[2], v, p[3], eps, p[4]));
                    }
                }
            }
        }
        return sum * E2 * E2;
    }

    /** Sum over all helicities, X polarisations included, of |M|^2 for e+e- -> mu+mu-X, coupling g = 1. */
    public static double eeToMuMuX(FourVector[] p, XCoupling coupling, double massX) {
        if (coupling == XCoupling.SCALAR) {
            return eeToMuMuX(p, null);
        }
        double sum = 0;
        for (int lambda : Polarisation.helicities(massX)) {
            sum += eeToMuMuX(p, Polarisation.outgoing(p[4], massX, lambda));
        }
        return sum;
    }

    /**
     * Sum over fermion helicities of |M|^2 for e+e- -> mu-(p2) mu+(p3) gamma(p4), ISR and FSR, for a
     * given photon polarisation vector; the Ward identity check replaces eps by the photon momentum.
     */
    public static double eeToMuMuGamma(FourVector[] p, double[] eps, boolean isr, boolean fsr) {
        FourVector k = p[4];
        double s = p[0].plus(p[1]).mass2();
        double sp = p[2].plus(p[3]).mass2();
        double[][] rb = rows(p[2], MMU);
        double[][] va = vs(p[3], MMU);
        double sum = 0;
        for (int he : HEL) {
            double[] u = Dirac.u(p[0], ME, he);
            for (int hp : HEL) {
                double[] vb = Dirac.bar(Dirac.v(p[1], ME, hp));
                double[] beam = Dirac.scale(Dirac.current(vb, u), 1 / s, 0);
                for (double[] r : rb) {
                    for (double[] v : va) {
                        double[] amp = {0, 0};
                        if (fsr) {
                            amp = Dirac.add(amp, emission(beam, r, p[2], v, p[3], eps, k));
                        }
                        if (isr) {
                            double[] mu = Dirac.scale(Dirac.current(r, v), 1 / sp, 0);
                            double[] t1 = Dirac.slash(mu, Dirac.propagate(p[0].minus(k), ME, Dirac.slash(eps, u)));
                            double[] t2 = Dirac.slash(eps, Dirac.propagate(k.minus(p[1]), ME, Dirac.slash(mu, u)));
                            amp = Dirac.add(amp, Dirac.contract(vb, Dirac.add(t1, t2)));
                        }
                        sum += abs2(amp);
                    }
                }
            }
        }
        return sum * E2 * E2 * E2;
    }

    /**
     * Sum over all helicities of |M|^2 for gamma(k1) gamma(k2) -> mu-(pm) mu+(pp) (t- and u-channel
     * muon exchange; real photons).
     */
    public static double gammaGammaToMuMu(FourVector k1, FourVector k2, FourVector pm, FourVector pp) {
        double[][] rb = rows(pm, MMU);
        double[][] va = vs(pp, MMU);
        double sum = 0;
        for (int l1 : Polarisation.helicities(0)) {
            double[] e1 = Polarisation.outgoing(k1, 0, l1);
            for (int l2 : Polarisation.helicities(0)) {
                double[] e2 = Polarisation.outgoing(k2, 0, l2);
                for (double[] r : rb) {
                    for (double[] v : va) {
                        double[] t = Dirac.slash(e2, Dirac.propagate(pm.minus(k1), MMU, Dirac.slash(e1, v)));
                        double[] u = Dirac.slash(e1, Dirac.propagate(pm.minus(k2), MMU, Dirac.slash(e2, v)));
                        sum += abs2(Dirac.contract(r, Dirac.add(t, u)));
                    }
                }
            }
        }
        return sum * E2 * E2;
    }

    /** Precomputed external spinors and pair currents of a four-muon final state. */
    private static final class FourMuons {
        final FourVector[] p;
        final double[][][] rows = new double[4][][];   // mu- at final index 0 and 2
        final double[][][] vs = new double[4][][];     // mu+ at final index 1 and 3
        /** currents[b][a][hb][ha] = ubar(b) gamma^mu v(a), b in {0,2}, a in {1,3}. */
        final double[][][][][] currents = new double[4][4][2][2][];
        final double[][][][][] scalars = new double[4][4][2][2][];

        FourMuons(FourVector[] p) {
            this.p = p;
            for (int b = 0; b < 4; b += 2) {
                rows[b] = rows(p[2 + b], MMU);
                vs[b + 1] = vs(p[3 + b], MMU);
            }
            for (int b = 0; b < 4; b += 2) {
                for (int a = 1; a < 4; a += 2) {
                    for (int i = 0; i < 2; i++) {
                        for (int j = 0; j < 2; j++) {
                            currents[b][a][i][j] = Dirac.current(rows[b][i], vs[a][j]);
                            scalars[b][a][i][j] = Dirac.contract(rows[b][i], vs[a][j]);
                        }
                    }
                }
            }
        }

        FourVector mom(int finalIndex) {
            return p[2 + finalIndex];
        }
    }

    /**
     * Sum over helicities of |M|^2 for the signal e+e- -> mu- mu+ mu- mu+ through X: X radiated by
     * either muon of the pair from the s-channel photon and decaying to mu+mu- with a Breit-Wigner
     * propagator, antisymmetrised over the four ways to choose the X pair (Fermi sign -1 for the
     * pairings that exchange the two mu+). Final-state order p[2..5] = mu-, mu+, mu-, mu+.
     */
    public static double eeToFourMuSignal(FourVector[] p, XCoupling coupling, double massX, double widthX, double g) {
        FourMuons f = new FourMuons(p);
        double[][][] beam = beamCurrents(p[0], p[1]);
        // (b, a) of the X pair, (b', a') of the other pair, Fermi sign
        int[][] assign = {{0, 1, 2, 3, 1}, {2, 3, 0, 1, 1}, {0, 3, 2, 1, -1}, {2, 1, 0, 3, -1}};
        double[][] bw = new double[4][];
        FourVector[] kx = new FourVector[4];
        for (int n = 0; n < 4; n++) {
            kx[n] = f.mom(assign[n][0]).plus(f.mom(assign[n][1]));
            double re = kx[n].mass2() - massX * massX;
            double im = massX * widthX;
            double d = re * re + im * im;
            bw[n] = new double[] {re / d, -im / d};
        }
        double sum = 0;
        int[] h = new int[4];
        for (double[][] bi : beam) {
            for (double[] b : bi) {
                for (int hel = 0; hel < 16; hel++) {
                    for (int q = 0; q < 4; q++) {
                        h[q] = (hel >> q) & 1;
                    }
                    double re = 0, im = 0;
                    for (int n = 0; n < 4; n++) {
                        int xb = assign[n][0], xa = assign[n][1], ob = assign[n][2], oa = assign[n][3];
                        double[] amp;
                        if (coupling == XCoupling.VECTOR) {
                            double[] d = f.currents[xb][xa][h[xb]][h[xa]];
                            double[] k = Dirac.complex(kx[n]);
                            double[] kd = Dirac.dot(k, d);
                            double[] eps = Dirac.add(d, Dirac.scale(k, -kd[0] / (massX * massX), -kd[1] / (massX * massX)));
                            eps = Dirac.scale(eps, bw[n][0], bw[n][1]);
                            amp = emission(b, f.rows[ob][h[ob]], f.mom(ob), f.vs[oa][h[oa]], f.mom(oa), eps, kx[n]);
                        } else {
                            double[] d = f.scalars[xb][xa][h[xb]][h[xa]];
                            double[] e = emission(b, f.rows[ob][h[ob]], f.mom(ob), f.vs[oa][h[oa]], f.mom(oa), null, kx[n]);
                            double cr = d[0] * bw[n][0] - d[1] * bw[n][1];
                            double ci = d[0] * bw[n][1] + d[1] * bw[n][0];
                            amp = new double[] {e[0] * cr - e[1] * ci, e[0] * ci + e[1] * cr};
                        }
                        re += assign[n][4] * amp[0];
                        im += assign[n][4] * amp[1];
                    }
                    sum += re * re + im * im;
                }
            }
        }
        return sum * E2 * E2 * g * g * g * g;
    }

    /** Which diagram classes {@link #eeToFourMu} includes. */
    public enum FourMuDiagrams {
        ALL, CONVERSION, ANNIHILATION
    }

    /**
     * Sum over helicities of |M|^2 for the QED process e+e- -> mu- mu+ mu- mu+ (12 diagrams):
     * conversion e+e- -> gamma* gamma* with a t- and a u-channel electron, each gamma* -> mu+mu-
     * (2 per pairing), and annihilation e+e- -> gamma* -> mu+mu- with a gamma* -> mu+mu- radiated
     * off any of the four muon legs (4 per pairing); two pairings with a relative Fermi sign.
     */
    public static double eeToFourMu(FourVector[] p, FourMuDiagrams which) {
        FourMuons f = new FourMuons(p);
        double[][] uE = {Dirac.u(p[0], ME, -1), Dirac.u(p[0], ME, 1)};
        double[][] vbE = {Dirac.bar(Dirac.v(p[1], ME, -1)), Dirac.bar(Dirac.v(p[1], ME, 1))};
        double[][][] beam = beamCurrents(p[0], p[1]);
        int[][] pairings = {{0, 1, 2, 3, 1}, {0, 3, 2, 1, -1}};
        FourVector[][] q = new FourVector[2][2];
        double[][] q2inv = new double[2][2];
        for (int n = 0; n < 2; n++) {
            q[n][0] = f.mom(pairings[n][0]).plus(f.mom(pairings[n][1]));
            q[n][1] = f.mom(pairings[n][2]).plus(f.mom(pairings[n][3]));
            q2inv[n][0] = 1 / q[n][0].mass2();
            q2inv[n][1] = 1 / q[n][1].mass2();
        }
        boolean conv = which != FourMuDiagrams.ANNIHILATION;
        boolean ann = which != FourMuDiagrams.CONVERSION;
        double sum = 0;
        int[] h = new int[4];
        for (int ie = 0; ie < 2; ie++) {
            for (int ip = 0; ip < 2; ip++) {
                double[] b = beam[ie][ip];
                for (int hel = 0; hel < 16; hel++) {
                    for (int k = 0; k < 4; k++) {
                        h[k] = (hel >> k) & 1;
                    }
                    double re = 0, im = 0;
                    for (int n = 0; n < 2; n++) {
                        int b1 = pairings[n][0], a1 = pairings[n][1], b2 = pairings[n][2], a2 = pairings[n][3];
                        double[] j1 = Dirac.scale(f.currents[b1][a1][h[b1]][h[a1]], q2inv[n][0], 0);
                        double[] j2 = Dirac.scale(f.currents[b2][a2][h[b2]][h[a2]], q2inv[n][1], 0);
                        double[] amp = {0, 0};
                        if (conv) {
                            double[] x1 = Dirac.slash(j2, Dirac.propagate(p[0].minus(q[n][0]), ME, Dirac.slash(j1, uE[ie])));
                            double[] x2 = Dirac.slash(j1, Dirac.propagate(p[0].minus(q[n][1]), ME, Dirac.slash(j2, uE[ie])));
                            amp = Dirac.add(amp, Dirac.contract(vbE[ip], Dirac.add(x1, x2)));
                        }
                        if (ann) {
                            amp = Dirac.add(amp, emission(b, f.rows[b1][h[b1]], f.mom(b1), f.vs[a1][h[a1]], f.mom(a1), j2, q[n][1]));
                            amp = Dirac.add(amp, emission(b, f.rows[b2][h[b2]], f.mom(b2), f.vs[a2][h[a2]], f.mom(a2), j1, q[n][0]));
                        }
                        re += pairings[n][4] * amp[0];
                        im += pairings[n][4] * amp[1];
                    }
                    sum += re * re + im * im;
                }
            }
        }
        double e4 = E2 * E2;
        return sum * e4 * e4;
    }
}
