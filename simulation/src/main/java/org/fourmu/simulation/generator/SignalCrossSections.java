package org.fourmu.simulation.generator;

import org.fourmu.physics.models.DimuonResonance;
import org.fourmu.physics.models.SignalCrossSectionTable;

/** Builds the per-unit-coupling signal cross-section table from the four-muon matrix element. */
public final class SignalCrossSections {

    /** The coupling at which the table is computed: narrow width (Gamma/M < 1e-5), then divided by g^2. */
    public static final double TABLE_COUPLING = 0.01;

    private SignalCrossSections() {
    }

    /**
     * sigma(e+e- -> mu+mu- X) x B(X -> mu+mu-) / g^2 at the given masses, with the given settings
     * (ISR, cuts, seed), points weighted points per mass.
     */
    public static SignalCrossSectionTable table(String model, double[] massesGeV, GeneratorSettings settings, long points) {
        double[] s = new double[massesGeV.length];
        double[] e = new double[massesGeV.length];
        double g2 = TABLE_COUPLING * TABLE_COUPLING;
        for (int i = 0; i < massesGeV.length; i++) {
            DimuonResonance m = DimuonResonance.of(model, massesGeV[i], TABLE_COUPLING);
            CrossSection x = new UnweightedEventGenerator(new ResonanceProcess(m), settings).crossSection(points, 0).dividedBy(g2);
            s[i] = x.valueFb();
            e[i] = x.errorFb();
        }
        return new SignalCrossSectionTable(model, massesGeV, s, e);
    }
}
