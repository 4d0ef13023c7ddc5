package org.fourmu.physics.pid;

/** The charged-particle hypotheses the likelihoods compare. */
public enum ParticleHypothesis {
    MUON, PION, ELECTRON
}
