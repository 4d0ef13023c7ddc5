package org.fourmu.physics.kinfit;

import java.util.List;
import org.fourmu.physics.kinematics.FourVector;

/**
 * The outcome of a constrained kinematic fit; a failed fit is an outcome, not an exception.
 *
 * @param status     whether and how the fit ended
 * @param chi2       chi^2 at the last iteration (NaN if it never evaluated)
 * @param ndf        number of constraints
 * @param iterations iterations used
 * @param momenta    fitted four-momenta (the measured ones when the fit failed)
 * @param pulls      pull of every fitted parameter, (measured - fitted) / sqrt(V_measured - V_fitted), track by track
 */
public record KinematicFitResult(Status status, double chi2, int ndf, int iterations, List<FourVector> momenta,
                                 double[] pulls) {

    /** How a fit ended. */
    public enum Status {
        CONVERGED,
        /** The iteration limit was reached before the constraints and chi2 settled. */
        NOT_CONVERGED,
        /** The constraint covariance D V D^T could not be inverted. */
        SINGULAR,
        /** A parameter left its physical domain (e.g. the curvature changed sign). */
        UNPHYSICAL
    }

    public KinematicFitResult {
        momenta = List.copyOf(momenta);
        pulls = pulls.clone();
    }

    public boolean converged() {
        return status == Status.CONVERGED;
    }

    @Override
    public double[] pulls() {
        return pulls.clone();
    }
}
