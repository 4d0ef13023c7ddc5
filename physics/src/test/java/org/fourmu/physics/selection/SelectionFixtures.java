package org.fourmu.physics.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.HelixParameters;
import org.fourmu.physics.event.Photon;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.event.Track;
import org.fourmu.physics.event.TriggerBits;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.kinematics.Kinematics;
import org.fourmu.physics.kinfit.FourConstraintFit;
import org.fourmu.physics.pid.ParticleIdentification;
import org.fourmu.physics.trigger.TriggerEfficiencyMaps;
import org.fourmu.physics.trigger.TriggerEmulation;

/** Hand-built four-muon events with exactly known kinematics. */
public final class SelectionFixtures {

    public static final double MU = PhysicalConstants.MUON_MASS_GEV;
    public static final BeamConditions BEAMS = BeamConditions.NOMINAL;

    private SelectionFixtures() {
    }

    public static EventSelection selection() {
        return new EventSelection(new TriggerEmulation(TriggerEfficiencyMaps.PAPER, 1),
                new ParticleIdentification(null, 0.5, 0.5), SelectionParameters.PAPER, FourConstraintFit.forMuons());
    }

    /**
     * Four muons (mu+ mu- of pair 1 with mass m1, then of pair 2 with mass m2) from a system of
     * mass {@code mTotal} moving in the c.m. frame with momentum {@code pSystemCm} along +x.
     */
    public static List<FourVector> muons(double mTotal, double pSystemCm, double m1, double m2) {
        double p = Kinematics.twoBodyMomentum(mTotal * mTotal, m1, m2);
        FourVector pair1 = FourVector.fromPolar(p, 1.1, 0.3, m1);
        FourVector pair2 = FourVector.fromPolar(p, Math.PI - 1.1, 0.3 + Math.PI, m2);
        List<FourVector> rest = new ArrayList<>();
        double[] dirs = {0.7, 2.1};
        int k = 0;
        for (FourVector pair : List.of(pair1, pair2)) {
            double q = Kinematics.twoBodyMomentum(pair.mass2(), MU, MU);
            double th = dirs[k++];
            double[] b = pair.boostVector();
            rest.add(FourVector.fromPolar(q, th, 1.0, MU).boost(b[0], b[1], b[2]));
            rest.add(FourVector.fromPolar(q, Math.PI - th, 1.0 + Math.PI, MU).boost(b[0], b[1], b[2]));
        }
        double eSys = Math.hypot(mTotal, pSystemCm);
        double bx = pSystemCm / eSys;
        FourVector cms = BEAMS.initialState();
        double[] toLab = cms.boostVector();
        List<FourVector> out = new ArrayList<>();
        for (FourVector v : rest) {
            out.add(v.boost(bx, 0, 0).boost(toLab[0], toLab[1], toLab[2]));
        }
        return out;
    }

    public static double[] smallCovariance() {
        double[] c = new double[HelixParameters.PACKED_SIZE];
        c[HelixParameters.packedIndex(0, 0)] = 1e-6;
        c[HelixParameters.packedIndex(1, 1)] = 1e-6;
        c[HelixParameters.packedIndex(2, 2)] = 1e-11;
        c[HelixParameters.packedIndex(3, 3)] = 1e-6;
        c[HelixParameters.packedIndex(4, 4)] = 1e-6;
        return c;
    }

    public static Track track(FourVector p, int charge, double d0, double z0, double muonId, double electronId) {
        HelixParameters h = HelixParameters.fromMomentum(p.px(), p.py(), p.pz(), charge, d0, z0,
                PhysicalConstants.BELLE2_SOLENOID_FIELD_T, smallCovariance());
        return new Track(h, 14, 14, 0.2, 1.0, OptionalDouble.of(muonId), OptionalDouble.of(electronId));
    }

    public static List<Track> tracks(List<FourVector> muons) {
        int[] charges = {1, -1, 1, -1};
        List<Track> out = new ArrayList<>();
        for (int i = 0; i < muons.size(); i++) {
            out.add(track(muons.get(i), charges[i % 4], 0.001, 0.002, 1.0, 0.0));
        }
        return out;
    }

    public static RecordedEvent event(List<Track> tracks, List<Photon> photons) {
        return new RecordedEvent(26, 1, 7, 0, tracks, photons, Optional.of(new TriggerBits(true, true, false)), Optional.empty());
    }

    /** A photon with the given c.m. energy and c.m. direction (theta, phi), expressed in the lab. */
    public static Photon photonFromCm(double energyCm, double theta, double phi) {
        double[] toLab = BEAMS.initialState().boostVector();
        FourVector lab = FourVector.fromPolar(energyCm, theta, phi, 0).boost(toLab[0], toLab[1], toLab[2]);
        return new Photon(lab.e(), lab.theta(), lab.phi());
    }
}
