package org.fourmu.app.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.HelixParameters;
import org.fourmu.physics.event.McTruth;
import org.fourmu.physics.event.Photon;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.event.Track;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.simulation.GeneratedEvent;
import org.fourmu.simulation.GeneratedParticle;

/**
 * TEMPORARY: a detector with perfect resolution and full acceptance, so the demo publishes
 * well-formed events until the fast Belle II detector response (simulation.detector) lands.
 * Not for physics results.
 */
public final class IdealDetector implements SimulatedFeed.Detector {

    private static final double PHOTON_THRESHOLD_GEV = 0.1;

    @Override
    public RecordedEvent respond(GeneratedEvent g, int experiment, int run, long eventNumber) {
        List<Track> tracks = new ArrayList<>();
        List<Photon> photons = new ArrayList<>();
        for (GeneratedParticle p : g.particles()) {
            FourVector m = p.momentum();
            if (p.charge() != 0) {
                double[] cov = new double[HelixParameters.PACKED_SIZE];
                for (int i = 0; i < HelixParameters.DIMENSION; i++) {
                    cov[HelixParameters.packedIndex(i, i)] = 1e-8;
                }
                boolean muon = Math.abs(p.pdgId()) == PhysicalConstants.PDG_MUON;
                tracks.add(new Track(HelixParameters.fromMomentum(m.px(), m.py(), m.pz(), p.charge(), 0, 0,
                        PhysicalConstants.BELLE2_SOLENOID_FIELD_T, cov), muon ? 14 : 0, 14, muon ? 0.2 : m.e(), 1.0,
                        OptionalDouble.of(muon ? 1.0 : 0.0), OptionalDouble.of(muon ? 0.0 : 1.0)));
            } else if (p.pdgId() == PhysicalConstants.PDG_PHOTON && m.e() > PHOTON_THRESHOLD_GEV) {
                photons.add(new Photon(m.e(), m.theta(), m.phi()));
            }
        }
        return new RecordedEvent(experiment, run, eventNumber, System.currentTimeMillis(), tracks, photons,
                Optional.empty(), Optional.of(new McTruth(g.process(), g.xMassGeV(), g.weight())));
    }
}
