package org.fourmu.simulation.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.Track;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.pid.ParticleIdentification;
import org.fourmu.physics.pid.PidPdfs;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.simulation.GeneratedParticle;
import org.fourmu.simulation.detector.FastDetector;
import org.junit.jupiter.api.Test;

class PidCalibrationTest {

    @Test
    void likelihoodIdFromFastSimulationReachesThePapersMuonEfficiencyAndPionRejectionAboveOneGeV() {
        FastDetector detector = FastDetector.nominal();
        PidPdfs pdfs = PidCalibration.build(detector, 20_000, 1);
        ParticleIdentification pid = new ParticleIdentification(pdfs, 0.5, 0.5);
        int muons = 0;
        int muonsId = 0;
        int pions = 0;
        int pionsId = 0;
        for (int i = 0; i < 4000; i++) {
            UniformRandomProvider rng = RandomStreams.forKeys(99, i);
            double p = 1.5 + 3 * rng.nextDouble();
            double theta = Math.toRadians(50 + 70 * rng.nextDouble());
            Optional<Track> mu = detector.simulateTrack(new GeneratedParticle(13,
                    FourVector.fromPolar(p, theta, 1.0, PhysicalConstants.MUON_MASS_GEV)), rng);
            Optional<Track> pi = detector.simulateTrack(new GeneratedParticle(211,
                    FourVector.fromPolar(p, theta, 1.0, PhysicalConstants.PION_MASS_GEV)), rng);
            if (mu.isPresent()) {
                muons++;
                muonsId += pid.identify(mu.get()).muon() ? 1 : 0;
            }
            if (pi.isPresent()) {
                pions++;
                pionsId += pid.identify(pi.get()).muon() ? 1 : 0;
            }
        }
        double efficiency = (double) muonsId / muons;
        double rejection = 1 - (double) pionsId / pions;
        // paper Sec. IV B: 93-99% of muons kept, 80-97% of pions rejected, depending on momentum
        assertTrue(efficiency > 0.93, "muon efficiency " + efficiency);
        assertTrue(rejection > 0.80, "pion rejection " + rejection);
    }

    @Test
    void sameSeedGivesSamePdfs() {
        FastDetector detector = FastDetector.nominal();
        assertEquals(PidCalibration.build(detector, 2000, 5).klm(), PidCalibration.build(detector, 2000, 5).klm());
    }
}
