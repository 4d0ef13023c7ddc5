package org.fourmu.physics.fit;

/**
 * The signal's reduced-mass shape and resolution versus the X mass: a double Crystal Ball with a
 * shared mean, parameters interpolated linearly in mass from a table (paper Sec. V). The
 * calibration bundle supplies a table fitted to simulation; {@link #paperDefault()} follows the
 * resolution the paper quotes until then.
 *
 * @param massesGeV   table masses, increasing
 * @param sigma1GeV   core width (this is "the resolution": the scan step and window unit)
 * @param alpha1      core tail parameter (> 0: low-side tail)
 * @param n1          core tail power
 * @param sigma2GeV   second component width
 * @param alpha2      second component tail parameter (< 0: high-side tail)
 * @param n2          second component tail power
 * @param fraction    share of the core component
 */
public record SignalShapeModel(double[] massesGeV, double[] sigma1GeV, double[] alpha1, double[] n1, double[] sigma2GeV,
                               double[] alpha2, double[] n2, double[] fraction) {

    public SignalShapeModel {
        int k = massesGeV.length;
        for (double[] column : new double[][] {sigma1GeV, alpha1, n1, sigma2GeV, alpha2, n2, fraction}) {
            if (column.length != k) {
                throw new IllegalArgumentException("every shape parameter needs one value per table mass");
            }
        }
        for (int i = 1; i < k; i++) {
            if (!(massesGeV[i] > massesGeV[i - 1])) {
                throw new IllegalArgumentException("table masses must increase");
            }
        }
    }

    /**
     * The paper's reduced-mass resolution (Sec. V): 2-2.5 MeV below 1 GeV, rising smoothly to 5 MeV
     * around 5 GeV, falling to 2.5 MeV at 9 GeV (read as straight lines between those points). The
     * tails (alpha, n), the second width (twice the core) and the core share (0.8) are typical of
     * track-based mass peaks; the calibration bundle replaces all of it with fits to simulation.
     */
    public static SignalShapeModel paperDefault() {
        double[] m = {0.212, 1.0, 5.0, 9.0, 10.0};
        double[] s1 = {0.0020, 0.0025, 0.0050, 0.0025, 0.0020};
        double[] s2 = new double[m.length];
        double[] a1 = new double[m.length];
        double[] n1 = new double[m.length];
        double[] a2 = new double[m.length];
        double[] n2 = new double[m.length];
        double[] f = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            s2[i] = 2 * s1[i];
            a1[i] = 1.5;
            n1[i] = 3.0;
            a2[i] = -2.0;
            n2[i] = 5.0;
            f[i] = 0.8;
        }
        return new SignalShapeModel(m, s1, a1, n1, s2, a2, n2, f);
    }

    /** The resolution (core width) at X mass {@code massGeV}. */
    public double resolutionGeV(double massGeV) {
        return interpolate(sigma1GeV, massGeV);
    }

    /** The shape for an X of mass {@code massGeV}, centred at its reduced mass, normalised on [low, high]. */
    public DoubleCrystalBall shape(double massGeV, double meanReducedGeV, double low, double high) {
        CrystalBall a = new CrystalBall(meanReducedGeV, interpolate(sigma1GeV, massGeV), interpolate(alpha1, massGeV),
                interpolate(n1, massGeV));
        CrystalBall b = new CrystalBall(meanReducedGeV, interpolate(sigma2GeV, massGeV), interpolate(alpha2, massGeV),
                interpolate(n2, massGeV));
        return new DoubleCrystalBall(a, b, interpolate(fraction, massGeV), low, high);
    }

    private double interpolate(double[] values, double m) {
        int k = massesGeV.length;
        if (m <= massesGeV[0]) {
            return values[0];
        }
        if (m >= massesGeV[k - 1]) {
            return values[k - 1];
        }
        int i = 1;
        while (massesGeV[i] < m) {
            i++;
        }
        double w = (m - massesGeV[i - 1]) / (massesGeV[i] - massesGeV[i - 1]);
        return values[i - 1] + w * (values[i] - values[i - 1]);
    }
}
