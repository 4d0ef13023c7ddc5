package org.fourmu.simulation.datataking;

/**
 * A signal injected into the simulated data stream.
 *
 * @param model     "zprime" or "scalar"
 * @param massGeV   X mass
 * @param coupling  coupling g
 */
public record InjectedSignal(String model, double massGeV, double coupling) {
}
