package org.fourmu.physics.models;

/**
 * The couplings with which a model explains the muon anomaly at one mass: Delta a_mu scales as
 * g^2, so g(Delta a) = sqrt(Delta a / Delta a(g = 1)); the band spans Delta a -+ n sigma
 * (the paper draws +-2 sigma). Where Delta a - n sigma is not positive the lower edge is 0.
 *
 * @param massGeV X mass
 * @param lower   coupling for Delta a - n sigma
 * @param central coupling for the central Delta a
 * @param upper   coupling for Delta a + n sigma
 */
public record AnomalyCouplingBand(double massGeV, double lower, double central, double upper) {

    /** The band for a model ("zprime" or "scalar") at a mass, for the anomaly {@code band} at +-{@code nSigma}. */
    public static AnomalyCouplingBand of(String model, double massGeV, MuonAnomaly.Band band, double nSigma) {
        double perUnitCoupling = DimuonResonance.of(model, massGeV, 1.0).deltaAmu();
        return new AnomalyCouplingBand(massGeV, coupling(band.at(-nSigma), perUnitCoupling),
                coupling(band.central(), perUnitCoupling), coupling(band.at(nSigma), perUnitCoupling));
    }

    private static double coupling(double deltaAmu, double perUnitCoupling) {
        return deltaAmu > 0 ? Math.sqrt(deltaAmu / perUnitCoupling) : 0;
    }
}
