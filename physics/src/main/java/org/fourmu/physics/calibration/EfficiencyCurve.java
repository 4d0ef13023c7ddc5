package org.fourmu.physics.calibration;

import org.fourmu.physics.fit.PiecewiseLinear;

/**
 * Signal efficiency versus the X mass for one model (paper Fig. 10): the fraction of generated
 * events whose X candidate passes every selection, trigger included, and lies in the scan's fit
 * window; interpolated linearly between the simulated masses and multiplied by the ISR correction
 * (paper Sec. IV E: the large-angle ISR photons that veto events, missing from the signal
 * simulation's collinear radiation).
 *
 * @param model              "zprime" or "scalar"
 * @param selection          what was applied, e.g. "trigger, selection, 4C fit; before MLP"
 * @param massesGeV          simulated masses, increasing
 * @param uncorrected        efficiency from simulation at each mass, before the ISR correction
 * @param uncorrectedError   its statistical (binomial) error
 * @param isrCorrection      the ISR correction factor (1 when the simulation already has it)
 * @param isrCorrectionError its uncertainty
 */
public record EfficiencyCurve(String model, String selection, double[] massesGeV, double[] uncorrected,
                              double[] uncorrectedError, double isrCorrection, double isrCorrectionError) {

    public EfficiencyCurve {
        if (massesGeV.length == 0 || uncorrected.length != massesGeV.length || uncorrectedError.length != massesGeV.length) {
            throw new IllegalArgumentException("an efficiency curve needs one efficiency and one error per mass");
        }
        if (!PiecewiseLinear.increasing(massesGeV)) {
            throw new IllegalArgumentException("efficiency masses must increase");
        }
        for (double e : uncorrected) {
            if (!(e >= 0 && e <= 1)) {
                throw new IllegalArgumentException("an efficiency must be in [0, 1], got " + e);
            }
        }
        if (!(isrCorrection > 0 && isrCorrection <= 1.5) || !(isrCorrectionError >= 0)) {
            throw new IllegalArgumentException("ISR correction must be positive and near 1, got " + isrCorrection);
        }
        massesGeV = massesGeV.clone();
        uncorrected = uncorrected.clone();
        uncorrectedError = uncorrectedError.clone();
    }

    @Override
    public double[] massesGeV() {
        return massesGeV.clone();
    }

    @Override
    public double[] uncorrected() {
        return uncorrected.clone();
    }

    @Override
    public double[] uncorrectedError() {
        return uncorrectedError.clone();
    }

    /** The ISR-corrected efficiency at an X mass. */
    public double efficiency(double massGeV) {
        return isrCorrection * PiecewiseLinear.value(massesGeV, uncorrected, massGeV);
    }

    /** Statistical error of {@link #efficiency}: the simulation's and the correction's, in quadrature. */
    public double error(double massGeV) {
        double e = PiecewiseLinear.value(massesGeV, uncorrected, massGeV);
        double de = PiecewiseLinear.value(massesGeV, uncorrectedError, massGeV);
        return Math.hypot(isrCorrection * de, e * isrCorrectionError);
    }
}
