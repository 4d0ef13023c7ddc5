package org.fourmu.physics.models;

/**
 * A new boson X that couples to muons and decays to mu+mu-: its widths, branching fraction and
 * contribution to the muon anomalous magnetic moment at a given mass and coupling.
 */
public interface DimuonResonance {

    /** Model name as used on the command line: "zprime" or "scalar". */
    String name();

    double massGeV();

    double coupling();

    /** Total width in GeV at this coupling. */
    double totalWidthGeV();

    /** B(X -> mu+mu-). */
    double branchingFractionMuMu();

    /** One-loop contribution to a_mu = (g-2)_mu / 2. */
    double deltaAmu();

    /** The same model at another coupling. */
    DimuonResonance withCoupling(double coupling);

    /** The coupling at which this model's Delta a_mu equals the given value (Delta a scales as g^2). */
    default double couplingForDeltaAmu(double deltaAmu) {
        return coupling() * Math.sqrt(deltaAmu / deltaAmu());
    }

    /** A model by its command-line name. */
    static DimuonResonance of(String name, double massGeV, double coupling) {
        return switch (name) {
            case LmuLtauZPrime.NAME -> new LmuLtauZPrime(massGeV, coupling);
            case MuonphilicScalar.NAME -> new MuonphilicScalar(massGeV, coupling);
            default -> throw new IllegalArgumentException("unknown model '" + name + "' (zprime, scalar)");
        };
    }
}
