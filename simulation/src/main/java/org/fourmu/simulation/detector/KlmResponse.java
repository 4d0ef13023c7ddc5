package org.fourmu.simulation.detector;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.HelixParameters;

/**
 * KLM penetration: a range-out model for muons (energy lost in the material in front and in each 4.7 cm
 * iron plate, scaled by the path length at the track's polar angle), nuclear interactions for hadrons
 * (which stop them, lighting a few layers with the shower), and per-layer hit efficiency.
 */
public final class KlmResponse {

    private final DetectorParameters p;

    KlmResponse(DetectorParameters parameters) {
        this.p = parameters;
    }

    /** Number of detector layers of the KLM region at polar angle theta (0 outside the KLM). */
    public int layers(double thetaRad) {
        double deg = Math.toDegrees(thetaRad);
        if (deg >= p.klmBarrelMinDeg() && deg <= p.klmBarrelMaxDeg()) {
            return p.klmBarrelLayers();
        }
        if (deg >= p.klmForwardMinDeg() && deg < p.klmBarrelMinDeg()) {
            return p.klmForwardLayers();
        }
        if (deg > p.klmBarrelMaxDeg() && deg <= p.klmBackwardMaxDeg()) {
            return p.klmBackwardLayers();
        }
        return 0;
    }

    /** Whether theta is in the KLM barrel. */
    public boolean barrel(double thetaRad) {
        double deg = Math.toDegrees(thetaRad);
        return deg >= p.klmBarrelMinDeg() && deg <= p.klmBarrelMaxDeg();
    }

    /** Path length through a layer of material relative to normal incidence (barrel: 1/sin, endcaps: 1/|cos|). */
    public double pathFactor(double thetaRad) {
        return barrel(thetaRad) ? 1.0 / Math.sin(thetaRad) : 1.0 / Math.abs(Math.cos(thetaRad));
    }

    /** Straight-line distance from the IP to the KLM inner face at polar angle theta [cm]. */
    public double distanceToKlmCm(double thetaRad) {
        if (barrel(thetaRad)) {
            return p.klmBarrelRadiusCm() / Math.sin(thetaRad);
        }
        double zFace = Math.cos(thetaRad) > 0 ? p.klmForwardZCm() : p.klmBackwardZCm();
        return zFace / Math.cos(thetaRad);
    }

    /** Layers crossed by a particle of kinetic energy T losing energy at {@code lossScale} times the mean rate. */
    int crossedLayers(double kineticGeV, double ptGeV, double thetaRad, double lossScale) {
        int n = layers(thetaRad);
        if (n == 0) {
            return 0;
        }
        if (barrel(thetaRad)) {
            double radiusCm = ptGeV / HelixParameters.ptTimesOmega(PhysicalConstants.BELLE2_SOLENOID_FIELD_T);
            if (2 * radiusCm < p.klmBarrelRadiusCm()) {
                return 0; // curls up inside the solenoid
            }
        }
        double factor = pathFactor(thetaRad) * lossScale;
        double front = p.klmFrontEnergyLossGeV() * factor;
        if (kineticGeV <= front) {
            return 0;
        }
        long crossed = 1 + (long) Math.floor((kineticGeV - front) / (p.klmPlateEnergyLossGeV() * factor));
        return (int) Math.min(crossed, n);
    }

    /** KLM layers a muon of momentum p at polar angle theta is expected to cross (mean energy loss). */
    public int expectedLayers(double pGeV, double thetaRad) {
        double m = PhysicalConstants.MUON_MASS_GEV;
        return crossedLayers(Math.sqrt(pGeV * pGeV + m * m) - m, pGeV * Math.sin(thetaRad), thetaRad, 1.0);
    }

    /** Outermost layer with a hit among the first {@code crossed} layers, each firing with the layer efficiency. */
    int outermostHit(int crossed, UniformRandomProvider rng) {
        for (int layer = crossed; layer >= 1; layer--) {
            if (rng.nextDouble() < p.klmLayerEfficiency()) {
                return layer;
            }
        }
        return 0;
    }

    /** Outermost layer reached by a muon (range-out with straggling, layer efficiency). */
    int muonReached(double pGeV, double ptGeV, double thetaRad, UniformRandomProvider rng,
                    ZigguratSampler.NormalizedGaussian gauss) {
        double m = PhysicalConstants.MUON_MASS_GEV;
        double scale = Math.max(0.5, 1.0 + p.klmRangeStraggling() * gauss.sample());
        return outermostHit(crossedLayers(Math.sqrt(pGeV * pGeV + m * m) - m, ptGeV, thetaRad, scale), rng);
    }

    /**
     * Outermost layer reached by a hadron that did not decay: if it interacted in the ECL or the solenoid,
     * its shower leaks into the first layers with a probability growing with momentum; otherwise it ranges
     * out like a muon but interacts in each iron plate with the nuclear-interaction probability.
     */
    int hadronReached(double pGeV, double ptGeV, double massGeV, double thetaRad, boolean interactedInEcl,
                      UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian gauss) {
        int n = layers(thetaRad);
        if (n == 0) {
            return 0;
        }
        double scale = Math.max(0.5, 1.0 + p.klmRangeStraggling() * gauss.sample());
        int crossed = crossedLayers(Math.sqrt(pGeV * pGeV + massGeV * massGeV) - massGeV, ptGeV, thetaRad, scale);
        if (crossed == 0) {
            return 0;
        }
        if (interactedInEcl || rng.nextDouble() < p.solenoidPionInteractionProbability()) {
            // shower leakage behind ~1 lambda_I: rare at low momentum (approximation: 5% per GeV, at most 30%)
            if (rng.nextDouble() < Math.min(0.3, 0.05 * pGeV)) {
                return outermostHit(Math.min(crossed, 1 + extraShowerLayers(rng)), rng);
            }
            return 0;
        }
        for (int layer = 1; layer < crossed; layer++) {
            if (rng.nextDouble() < p.klmPlateInteractionProbability()) {
                return outermostHit(Math.min(n, layer + extraShowerLayers(rng)), rng);
            }
        }
        return outermostHit(crossed, rng);
    }

    private int extraShowerLayers(UniformRandomProvider rng) {
        return PoissonSampler.of(rng, p.pionShowerExtraLayersMean()).sample();
    }

    /** Layers an electron lights up when it enters a barrel-endcap ECL gap (paper Sec. IV C). */
    int electronGapReached(double thetaRad, UniformRandomProvider rng) {
        int n = layers(thetaRad);
        if (n == 0) {
            return 0;
        }
        int lit = 1 + PoissonSampler.of(rng, Math.max(1e-9, p.electronGapKlmLayersMean() - 1)).sample();
        return outermostHit(Math.min(n, lit), rng);
    }
}
