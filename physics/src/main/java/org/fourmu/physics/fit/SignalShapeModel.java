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
 * @param resolutionGeV the resolution that sets the scan step and window: the core width in
 *                    {@link #paperDefault()}, the effective sigma (half the shortest interval holding
 *                    68.27% of the shape) in a model fitted to simulation
 * @param meanShiftGeV peak position minus the true reduced mass (0 in {@link #paperDefault()})
 */
public record SignalShapeModel(double[] massesGeV, double[] sigma1GeV, double[] alpha1, double[] n1, double[] sigma2GeV,
                               double[] alpha2, double[] n2, double[] fraction, double[] resolutionGeV,
                               double[] meanShiftGeV) {

    /** A model whose resolution is the core width and whose peak sits at the true reduced mass. */
    public SignalShapeModel(double[] massesGeV, double[] sigma1GeV, double[] alpha1, double[] n1, double[] sigma2GeV,
                            double[] alpha2, double[] n2, double[] fraction) {
        this(massesGeV, sigma1GeV, alpha1, n1, sigma2GeV, alpha2, n2, fraction, sigma1GeV.clone(),
                new double[massesGeV.length]);
    }

    public SignalShapeModel {
        int k = massesGeV.length;
        if (k == 0) {
            throw new IllegalArgumentException("a shape table needs at least one mass");
        }
        for (double[] column : new double[][] {sigma1GeV, alpha1, n1, sigma2GeV, alpha2, n2, fraction, resolutionGeV,
            meanShiftGeV}) {
            if (column.length != k) {
                throw new IllegalArgumentException("every shape parameter needs one value per table mass");
            }
        }
        if (!PiecewiseLinear.increasing(massesGeV)) {
            throw new IllegalArgumentException("table masses must increase");
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

    /** The resolution (scan step and window unit) at X mass {@code massGeV}. */
    public double resolutionGeV(double massGeV) {
        return interpolate(resolutionGeV, massGeV);
    }

    /** The peak position minus the true reduced mass at X mass {@code massGeV}. */
    public double meanShiftGeV(double massGeV) {
        return interpolate(meanShiftGeV, massGeV);
    }

    /**
     * The shape for an X of mass {@code massGeV} whose true reduced mass is {@code meanReducedGeV}
     * (the peak sits {@link #meanShiftGeV(double)} from it), normalised on [low, high].
     */
    public DoubleCrystalBall shape(double massGeV, double meanReducedGeV, double low, double high) {
        double mean = meanReducedGeV + interpolate(meanShiftGeV, massGeV);
        CrystalBall a = new CrystalBall(mean, interpolate(sigma1GeV, massGeV), interpolate(alpha1, massGeV),
                interpolate(n1, massGeV));
        CrystalBall b = new CrystalBall(mean, interpolate(sigma2GeV, massGeV), interpolate(alpha2, massGeV),
                interpolate(n2, massGeV));
        return new DoubleCrystalBall(a, b, interpolate(fraction, massGeV), low, high);
    }

    private double interpolate(double[] values, double m) {
        return PiecewiseLinear.value(massesGeV, values, m);
    }
}
