package org.fourmu.simulation.detector;

import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

/**
 * Mean CDC dE/dx versus beta*gamma in units of the minimum-ionising value: the Bethe form
 * (1/beta^2)[ln(2 m_e c^2 beta^2 gamma^2 / I) - beta^2] for a gas with I ~ 50 eV (He-C2H6),
 * normalised at its minimum, with the relativistic rise cut off at the Fermi plateau (density effect).
 */
public final class DedxModel {

    /** 2 m_e c^2 / I for I = 50 eV [PDG: He-C2H6 mean excitation energy ~ 45-50 eV]. */
    private static final double TWO_ME_OVER_I = 2 * 0.51099895e6 / 50.0;

    private final double minimum;
    private final double minimumBetaGamma;
    private final double plateau;

    public DedxModel(double fermiPlateau) {
        var result = new BrentOptimizer(1e-10, 1e-12).optimize(new MaxEval(200),
            new UnivariateObjectiveFunction(t -> bethe(Math.exp(t))), GoalType.MINIMIZE, new SearchInterval(-1, 4));
        this.minimumBetaGamma = Math.exp(result.getPoint());
        this.minimum = result.getValue();
        this.plateau = fermiPlateau;
    }

    private static double bethe(double betaGamma) {
        double bg2 = betaGamma * betaGamma;
        double beta2 = bg2 / (1 + bg2);
        return (Math.log(TWO_ME_OVER_I * bg2) - beta2) / beta2;
    }

    /** Mean dE/dx in MIP units at beta*gamma. */
    public double mipUnits(double betaGamma) {
        return Math.min(bethe(betaGamma) / minimum, betaGamma > minimumBetaGamma ? plateau : Double.MAX_VALUE);
    }

    /** beta*gamma of minimum ionisation. */
    public double minimumBetaGamma() {
        return minimumBetaGamma;
    }
}
