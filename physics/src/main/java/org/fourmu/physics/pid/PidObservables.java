package org.fourmu.physics.pid;

import org.fourmu.physics.event.Track;

/**
 * What particle identification reads from a track: momentum, polar angle, the fraction of the
 * expected KLM layers reached, E/p in the calorimeter, and dE/dx (MIP units).
 */
public record PidObservables(double pGeV, double thetaRad, double klmFraction, double eOverP, double dedx) {

    public static PidObservables of(Track t) {
        var p = t.momentum(org.fourmu.physics.PhysicalConstants.MUON_MASS_GEV);
        double frac = t.klmLayersExpected() > 0 ? Math.min(1.5, (double) t.klmLayersReached() / t.klmLayersExpected())
                : (t.klmLayersReached() > 0 ? 1.0 : 0.0);
        return new PidObservables(p.p(), p.theta(), frac, t.eclEnergyGeV() / p.p(), t.dedx());
    }
}
