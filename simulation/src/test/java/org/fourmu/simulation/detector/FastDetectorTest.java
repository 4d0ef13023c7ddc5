package org.fourmu.simulation.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.HelixParameters;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.event.Track;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.simulation.GeneratedEvent;
import org.fourmu.simulation.GeneratedParticle;
import org.junit.jupiter.api.Test;

class FastDetectorTest {

    private static final double MU = PhysicalConstants.MUON_MASS_GEV;
    private final FastDetector detector = new FastDetector(DetectorParameters.NOMINAL.withoutImpactTails());

    private static GeneratedParticle muon(double p, double thetaDeg, double phi) {
        return new GeneratedParticle(13, FourVector.fromPolar(p, Math.toRadians(thetaDeg), phi, MU));
    }

    private static GeneratedParticle pion(double p, double thetaDeg) {
        return new GeneratedParticle(211, FourVector.fromPolar(p, Math.toRadians(thetaDeg), 0.3, PhysicalConstants.PION_MASS_GEV));
    }

    @Test
    void shouldProduceUnitWidthHelixPullsWithTheStoredCovariance() {
        UniformRandomProvider rng = RandomStreams.forKeys(11);
        SummaryStatistics[] pulls = new SummaryStatistics[HelixParameters.DIMENSION];
        for (int i = 0; i < pulls.length; i++) {
            pulls[i] = new SummaryStatistics();
        }
        for (int n = 0; n < 6000; n++) {
            double p = 0.3 + 5 * rng.nextDouble();
            GeneratedParticle mu = muon(p, 25 + 120 * rng.nextDouble(), 2 * Math.PI * rng.nextDouble() - Math.PI);
            Optional<Track> track = detector.simulateTrack(mu, rng);
            if (track.isEmpty()) {
                continue;
            }
            HelixParameters h = track.get().helix();
            assertTrue(h.hasPositiveDefiniteCovariance());
            double[] truth = FastDetector.trueHelix(mu.momentum(), mu.charge(), 0, 0, 0);
            double[] measured = {h.d0(), h.phi0(), h.omega(), h.z0(), h.tanLambda()};
            for (int i = 0; i < pulls.length; i++) {
                double diff = i == HelixParameters.PHI0 ? Math.IEEEremainder(measured[i] - truth[i], 2 * Math.PI) : measured[i] - truth[i];
                pulls[i].addValue(diff / Math.sqrt(h.cov(i, i)));
            }
        }
        for (SummaryStatistics s : pulls) {
            assertEquals(0.0, s.getMean(), 0.05);
            assertEquals(1.0, s.getStandardDeviation(), 0.04);
        }
    }

    @Test
    void shouldReproduceTheTransverseMomentumResolutionFormula() {
        UniformRandomProvider rng = RandomStreams.forKeys(12);
        for (double pt : new double[] {1.0, 5.0}) {
            SummaryStatistics rel = new SummaryStatistics();
            for (int n = 0; n < 4000; n++) {
                Optional<Track> track = detector.simulateTrack(muon(pt, 90, 0.1), rng);
                if (track.isEmpty()) {
                    continue; // plateau inefficiency
                }
                Track t = track.get();
                rel.addValue(t.helix().pt(PhysicalConstants.BELLE2_SOLENOID_FIELD_T) / pt - 1);
            }
            double expected = Math.hypot(0.001 * pt, 0.003); // paper Sec. II
            assertEquals(expected, rel.getStandardDeviation(), 0.05 * expected);
        }
    }

    @Test
    void shouldReconstructTracksOnlyInsideThePolarAcceptance() {
        UniformRandomProvider rng = RandomStreams.forKeys(13);
        int inside = 0;
        for (int n = 0; n < 200; n++) {
            assertTrue(detector.simulateTrack(muon(2, 16.5, 0), rng).isEmpty());
            assertTrue(detector.simulateTrack(muon(2, 150.5, 0), rng).isEmpty());
            inside += detector.simulateTrack(muon(2, 17.5, 0), rng).isPresent() ? 1 : 0;
            inside += detector.simulateTrack(muon(2, 149.5, 0), rng).isPresent() ? 1 : 0;
        }
        assertTrue(inside > 390);
    }

    @Test
    void shouldTurnOnTrackingEfficiencyAroundTheLowPtThreshold() {
        assertTrue(detector.trackingEfficiency(0.03) < 0.05);
        assertEquals(0.5 * 0.995, detector.trackingEfficiency(0.075), 1e-12);
        assertTrue(detector.trackingEfficiency(0.2) > 0.99);
    }

    @Test
    void shouldLetAFiveGevMuonCrossMostKlmLayersButStopAPointFourGevOne() {
        UniformRandomProvider rng = RandomStreams.forKeys(14);
        SummaryStatistics reached = new SummaryStatistics();
        for (int n = 0; n < 500; n++) {
            detector.simulateTrack(muon(5, 90, 0), rng).ifPresent(fast -> {
                assertEquals(15, fast.klmLayersExpected());
                reached.addValue(fast.klmLayersReached());
            });
            detector.simulateTrack(muon(0.4, 90, 0), rng).ifPresent(slow -> {
                assertEquals(0, slow.klmLayersReached());
                assertEquals(0, slow.klmLayersExpected());
            });
        }
        assertTrue(reached.getMean() > 14.0, "mean layers " + reached.getMean());
    }

    @Test
    void shouldCrossMoreLayersAtHigherMomentum() {
        KlmResponse klm = detector.klm();
        int previous = 0;
        for (double p = 0.5; p < 2.0; p += 0.1) {
            int layers = klm.expectedLayers(p, Math.PI / 2);
            assertTrue(layers >= previous);
            previous = layers;
        }
        assertEquals(0, klm.expectedLayers(0.55, Math.PI / 2));
        assertTrue(klm.expectedLayers(0.7, Math.PI / 2) >= 1);
        assertEquals(15, klm.expectedLayers(1.6, Math.PI / 2));
    }

    @Test
    void shouldLetPionsPunchThroughOrDecayAtTheFewPercentLevel() {
        UniformRandomProvider rng = RandomStreams.forKeys(15);
        int muonLike = 0;
        int total = 0;
        for (int n = 0; n < 4000; n++) {
            Optional<Track> t = detector.simulateTrack(pion(3.0, 90), rng);
            if (t.isPresent()) {
                total++;
                Track track = t.get();
                if (track.klmLayersReached() > 0 && track.klmLayersExpected() - track.klmLayersReached() <= 3) {
                    muonLike++;
                }
            }
        }
        double rate = (double) muonLike / total;
        assertTrue(rate > 0.005 && rate < 0.08, "pion punch-through " + rate);
    }

    @Test
    void shouldNotReconstructPhotonsBelowThresholdOrInTheGaps() {
        UniformRandomProvider rng = RandomStreams.forKeys(16);
        int hard = 0;
        for (int n = 0; n < 500; n++) {
            assertTrue(detector.simulatePhoton(FourVector.fromPolar(0.06, Math.toRadians(90), 0, 0), rng).isEmpty());
            assertTrue(detector.simulatePhoton(FourVector.fromPolar(2.0, Math.toRadians(31.8), 0, 0), rng).isEmpty());
            assertTrue(detector.simulatePhoton(FourVector.fromPolar(2.0, Math.toRadians(10), 0, 0), rng).isEmpty());
            hard += detector.simulatePhoton(FourVector.fromPolar(1.0, Math.toRadians(70), 0, 0), rng).isPresent() ? 1 : 0;
        }
        assertEquals(500, hard);
    }

    @Test
    void shouldGiveMinimumIonisationNearBetaGammaThreeToFour() {
        DedxModel dedx = detector.dedx();
        assertTrue(dedx.minimumBetaGamma() > 2.5 && dedx.minimumBetaGamma() < 4.5, "" + dedx.minimumBetaGamma());
        assertEquals(1.0, dedx.mipUnits(dedx.minimumBetaGamma()), 1e-9);
        assertTrue(dedx.mipUnits(0.5) > 3.0); // 1/beta^2 rise of slow particles
    }

    @Test
    void shouldPutThePocaOfADisplacedStraightTrackAtItsProductionPoint() {
        FourVector fast = new FourVector(Math.sqrt(1e6 + MU * MU), 1000, 0, 0);
        double[] h = FastDetector.trueHelix(fast, 1, 0.0, 0.01, 0.2);
        assertEquals(0.01, h[HelixParameters.D0], 1e-6);
        assertEquals(0.0, h[HelixParameters.PHI0], 1e-6);
        assertEquals(0.2, h[HelixParameters.Z0], 1e-9);
        double[] prompt = FastDetector.trueHelix(FourVector.fromPolar(0.5, 1.0, 2.0, MU), -1, 0, 0, 0);
        assertEquals(0.0, prompt[HelixParameters.D0], 1e-12);
        assertEquals(2.0, prompt[HelixParameters.PHI0], 1e-12);
    }

    @Test
    void shouldBeDeterministicBySeedRunAndEvent() {
        GeneratedEvent g = new GeneratedEvent("test", List.of(muon(3, 60, 0.1), new GeneratedParticle(-13,
            FourVector.fromPolar(2, Math.toRadians(110), 2.5, MU)), new GeneratedParticle(22, FourVector.fromPolar(1.2, 1.2, -1, 0))),
            Double.NaN, 1.0);
        FastDetector nominal = FastDetector.nominal();
        RecordedEvent a = nominal.simulate(g, 1, 7, 42, BeamConditions.NOMINAL, 5);
        RecordedEvent b = nominal.simulate(g, 1, 7, 42, BeamConditions.NOMINAL, 5);
        RecordedEvent c = nominal.simulate(g, 1, 7, 43, BeamConditions.NOMINAL, 5);
        assertEquals(a.tracks().get(0).helix().omega(), b.tracks().get(0).helix().omega());
        assertEquals(a.photons(), b.photons());
        assertNotEquals(a.tracks().get(0).helix().omega(), c.tracks().get(0).helix().omega());
        assertEquals("test", a.mcTruth().orElseThrow().process());
        assertFalse(a.triggerBits().isPresent());
    }

    @Test
    void shouldConvertHardPhotonsAtTheMaterialProbability() {
        FastDetector noBackground = new FastDetector(DetectorParameters.NOMINAL.withBeamBackgroundClustersMean(0));
        GeneratedEvent g = new GeneratedEvent("gamma", List.of(new GeneratedParticle(22, FourVector.fromPolar(1.5, Math.PI / 2, 0, 0))),
            Double.NaN, 1.0);
        int converted = 0;
        int n = 20000;
        for (int i = 0; i < n; i++) {
            RecordedEvent e = noBackground.simulate(g, 0, 1, i, BeamConditions.NOMINAL, 3);
            if (!e.tracks().isEmpty()) {
                converted++;
                if (e.tracks().size() == 2) {
                    assertEquals(0, e.tracks().get(0).charge() + e.tracks().get(1).charge());
                }
            }
        }
        double expected = 1 - Math.exp(-7.0 / 9.0 * DetectorParameters.NOMINAL.innerMaterialX0());
        // both legs must also be reconstructed (pT turn-on for a soft leg), so at most the material probability
        double rate = (double) converted / n;
        assertTrue(rate < expected * 1.1 && rate > expected * 0.75, rate + " vs " + expected);
    }

    @Test
    void shouldLetTheReferenceMuonIdReachThePaperPerformanceAtTwoGev() {
        UniformRandomProvider rng = RandomStreams.forKeys(17);
        int[] pass = new int[2];
        int[] total = new int[2];
        for (int n = 0; n < 6000; n++) {
            int species = n % 2;
            double theta = Math.toRadians(30 + 110 * rng.nextDouble());
            GeneratedParticle particle = species == 0 ? muon(2.0, Math.toDegrees(theta), 1.0) : pion(2.0, Math.toDegrees(theta));
            Optional<Track> t = detector.simulateTrack(particle, rng);
            if (t.isPresent()) {
                total[species]++;
                pass[species] += ReferenceMuonId.isMuon(t.get()) ? 1 : 0;
            }
        }
        assertTrue((double) pass[0] / total[0] > 0.93, "muon efficiency " + (double) pass[0] / total[0]);
        double fake = (double) pass[1] / total[1];
        assertTrue(fake > 0.02 && fake < 0.20, "pion fake rate " + fake); // paper Sec. IV B: 80-97% rejection
    }

    @Test
    void shouldGiveElectronsEOverPNearOneAndMuonsAMipDeposit() {
        UniformRandomProvider rng = RandomStreams.forKeys(18);
        SummaryStatistics eop = new SummaryStatistics();
        SummaryStatistics mip = new SummaryStatistics();
        for (int n = 0; n < 2000; n++) {
            detector.simulateTrack(new GeneratedParticle(11, FourVector.fromPolar(2, Math.toRadians(80), 0, PhysicalConstants.ELECTRON_MASS_GEV)), rng)
                .ifPresent(t -> eop.addValue(t.eclEnergyGeV() / t.momentum(PhysicalConstants.ELECTRON_MASS_GEV).p()));
            detector.simulateTrack(muon(2, 80, 0), rng).ifPresent(t -> mip.addValue(t.eclEnergyGeV()));
        }
        assertEquals(0.95, eop.getMean(), 0.02);
        assertTrue(mip.getMean() > 0.17 && mip.getMean() < 0.3, "mip " + mip.getMean());
    }
}
