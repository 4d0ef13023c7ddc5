package org.fourmu.physics.limits;

/**
 * The signal efficiency of the full selection (trigger, selection, MLP cut) versus the X mass for
 * one model; supplied by the calibration bundle. NaN where it is not known.
 */
@FunctionalInterface
public interface SignalEfficiency {

    /** Efficiency in (0, 1] for an X of this mass, or NaN outside the known range. */
    double at(double massGeV);
}
