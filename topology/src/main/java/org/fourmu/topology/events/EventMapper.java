package org.fourmu.topology.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.fourmu.avro.EclPhoton;
import org.fourmu.avro.Event;
import org.fourmu.avro.GeneratorTruth;
import org.fourmu.avro.HelixTrack;
import org.fourmu.avro.RecordedTrigger;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.HelixParameters;
import org.fourmu.physics.event.McTruth;
import org.fourmu.physics.event.Photon;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.event.Track;
import org.fourmu.physics.event.TriggerBits;
import org.fourmu.physics.kinematics.FourVector;

/**
 * Converts between the wire record {@link Event} and the analysis type {@link RecordedEvent}.
 * Call {@link EventValidation#problem(Event)} first: this mapper assumes a valid record.
 */
public final class EventMapper {

    private EventMapper() {
    }

    public static RecordedEvent toPhysics(Event e) {
        List<Track> tracks = new ArrayList<>(e.getTracks().size());
        for (HelixTrack t : e.getTracks()) {
            HelixParameters helix = new HelixParameters(t.getD0(), t.getPhi0(), t.getOmega(), t.getZ0(), t.getTanLambda(),
                    PackedDoubles.readOnlyArray(t.getHelixCovariance()));
            tracks.add(new Track(helix, t.getKlmLayersReached(), t.getKlmLayersExpected(), t.getEclEnergy(), t.getDedx(),
                    optional(t.getMuonId()), optional(t.getElectronId())));
        }
        List<Photon> photons = new ArrayList<>(e.getPhotons().size());
        for (EclPhoton p : e.getPhotons()) {
            photons.add(new Photon(p.getEnergy(), p.getTheta(), p.getPhi()));
        }
        Optional<TriggerBits> trigger = Optional.ofNullable(e.getTrigger())
                .map(t -> new TriggerBits(t.getThreeTrack(), t.getSingleMuon(), t.getEclReference()));
        Optional<McTruth> truth = Optional.ofNullable(e.getTruth())
                .map(t -> new McTruth(t.getProcess(), t.getGeneratedMass() == null ? Double.NaN : t.getGeneratedMass(),
                        t.getWeight()));
        return new RecordedEvent(e.getExperiment(), e.getRun(), e.getEventNumber(), e.getTimeMillis(), tracks, photons,
                trigger, truth);
    }

    public static Event toAvro(RecordedEvent e) {
        List<HelixTrack> tracks = new ArrayList<>(e.tracks().size());
        for (Track t : e.tracks()) {
            HelixParameters h = t.helix();
            FourVector p = t.momentum(PhysicalConstants.MUON_MASS_GEV);
            List<Double> cov = new ArrayList<>(HelixParameters.PACKED_SIZE);
            for (double c : h.covariance()) {
                cov.add(c);
            }
            tracks.add(HelixTrack.newBuilder()
                    .setPx(p.px()).setPy(p.py()).setPz(p.pz()).setCharge(t.charge())
                    .setD0(h.d0()).setPhi0(h.phi0()).setOmega(h.omega()).setZ0(h.z0()).setTanLambda(h.tanLambda())
                    .setHelixCovariance(cov)
                    .setKlmLayersReached(t.klmLayersReached()).setKlmLayersExpected(t.klmLayersExpected())
                    .setEclEnergy(t.eclEnergyGeV()).setDedx(t.dedx())
                    .setMuonId(boxed(t.muonIdLikelihood())).setElectronId(boxed(t.electronIdLikelihood()))
                    .build());
        }
        List<EclPhoton> photons = new ArrayList<>(e.photons().size());
        for (Photon p : e.photons()) {
            photons.add(new EclPhoton(p.energyGeV(), p.theta(), p.phi()));
        }
        return Event.newBuilder()
                .setExperiment(e.experiment()).setRun(e.run()).setEventNumber(e.eventNumber()).setTimeMillis(e.timeMillis())
                .setTracks(tracks).setPhotons(photons)
                .setTrigger(e.triggerBits().map(t -> new RecordedTrigger(t.threeTrack(), t.singleMuon(), t.eclReference()))
                        .orElse(null))
                .setTruth(e.mcTruth().map(t -> new GeneratorTruth(t.process(),
                        Double.isNaN(t.generatedMassGeV()) ? null : t.generatedMassGeV(), t.weight())).orElse(null))
                .build();
    }

    private static OptionalDouble optional(Double d) {
        return d == null ? OptionalDouble.empty() : OptionalDouble.of(d);
    }

    private static Double boxed(OptionalDouble d) {
        return d.isPresent() ? d.getAsDouble() : null;
    }
}
