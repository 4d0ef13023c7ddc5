package org.fourmu.simulation.training;

import org.fourmu.physics.random.RandomStreams;

/**
 * Which part of the simulated sample an event belongs to. Whole events are assigned, never single
 * candidates, so the four candidates of one event never straddle training and testing.
 */
public enum Split {
    /** 60%: the gradient steps. */
    TRAIN,
    /** 20%: early stopping and the Punzi optimisation of the cut. */
    VALIDATION,
    /** 20%: held out for the ROC curves, rejections and multiplicities in the report. */
    TEST;

    /** The split of event {@code event} of sample {@code sample}, deterministic for the seed. */
    public static Split of(long seed, long sample, long event) {
        double u = RandomStreams.uniform(seed, 0x5b1177L, sample, event);
        return u < 0.6 ? TRAIN : u < 0.8 ? VALIDATION : TEST;
    }
}
