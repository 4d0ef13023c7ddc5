package org.fourmu.simulation.datataking;

/**
 * A signal injected into the simulated data stream: the model's events at its coupling (its width and
 * peak shape), at {@code strength} times its cross section. A strength above 1 makes a narrow resonance
 * (small coupling) visible in little luminosity without widening it: the scan's signal shape assumes a
 * natural width small against the resolution, and a large coupling breaks that (a 5.3 GeV Z' at
 * g' = 0.3 is 37 MeV wide against a 10.7 MeV resolution; docs/validation/injected-peak.md).
 *
 * @param model     "zprime" or "scalar"
 * @param massGeV   X mass
 * @param coupling  coupling g
 * @param strength  multiplier of the signal's rate (1: the model's cross section at this coupling)
 */
public record InjectedSignal(String model, double massGeV, double coupling, double strength) {

    public InjectedSignal {
        if (!(strength > 0)) {
            throw new IllegalArgumentException("signal strength must be positive, got " + strength);
        }
    }

    /** The model's events at its own cross section. */
    public InjectedSignal(String model, double massGeV, double coupling) {
        this(model, massGeV, coupling, 1);
    }
}
