package org.fourmu.simulation.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.Track;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.pid.ParticleHypothesis;
import org.fourmu.physics.pid.PidObservables;
import org.fourmu.physics.pid.PidPdfs;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.simulation.GeneratedParticle;
import org.fourmu.simulation.detector.FastDetector;

/**
 * Derives the particle-identification PDFs from the fast detector: a particle gun of muons, pions
 * and electrons, flat in momentum (0.2-6 GeV) and in cos(theta) over the tracking acceptance, each
 * track's observables labelled with its true type. A piece of the calibration bundle.
 */
public final class PidCalibration {

    private PidCalibration() {
    }

    /** PDFs from {@code perType} gun tracks of each type; deterministic for a seed. */
    public static PidPdfs build(FastDetector detector, int perType, long seed) {
        List<PidPdfs.LabelledTrack> tracks = new ArrayList<>(3 * perType);
        ParticleHypothesis[] types = ParticleHypothesis.values();
        for (int t = 0; t < types.length; t++) {
            int pdg = switch (types[t]) {
                case MUON -> PhysicalConstants.PDG_MUON;
                case PION -> PhysicalConstants.PDG_PION;
                case ELECTRON -> PhysicalConstants.PDG_ELECTRON;
            };
            double mass = switch (types[t]) {
                case MUON -> PhysicalConstants.MUON_MASS_GEV;
                case PION -> PhysicalConstants.PION_MASS_GEV;
                case ELECTRON -> PhysicalConstants.ELECTRON_MASS_GEV;
            };
            for (int i = 0; i < perType; i++) {
                UniformRandomProvider rng = RandomStreams.forKeys(seed, t, i);
                double p = 0.2 + 5.8 * rng.nextDouble();
                double cosTheta = Math.cos(Math.toRadians(150)) + (Math.cos(Math.toRadians(17)) - Math.cos(Math.toRadians(150)))
                        * rng.nextDouble();
                double phi = 2 * Math.PI * rng.nextDouble();
                int sign = rng.nextBoolean() ? 1 : -1;
                GeneratedParticle gun = new GeneratedParticle(sign * pdg, FourVector.fromPolar(p, Math.acos(cosTheta), phi, mass));
                Optional<Track> track = detector.simulateTrack(gun, rng);
                if (track.isPresent()) {
                    tracks.add(new PidPdfs.LabelledTrack(PidObservables.of(track.get()), types[t], 1.0));
                }
            }
        }
        return PidPdfs.fit(tracks, PidPdfs.DEFAULT_EDGES);
    }
}
