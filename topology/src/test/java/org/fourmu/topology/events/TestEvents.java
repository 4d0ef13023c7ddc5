package org.fourmu.topology.events;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.HelixParameters;
import org.fourmu.physics.event.McTruth;
import org.fourmu.physics.event.Photon;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.event.Track;

/** Hand-built events for tests. */
public final class TestEvents {

    private TestEvents() {
    }

    /** A diagonal helix covariance with realistic magnitudes. */
    public static double[] diagonalCovariance() {
        double[] c = new double[HelixParameters.PACKED_SIZE];
        c[HelixParameters.packedIndex(0, 0)] = 1e-6;
        c[HelixParameters.packedIndex(1, 1)] = 1e-6;
        c[HelixParameters.packedIndex(2, 2)] = 1e-10;
        c[HelixParameters.packedIndex(3, 3)] = 1e-6;
        c[HelixParameters.packedIndex(4, 4)] = 1e-6;
        return c;
    }

    public static Track muon(double px, double py, double pz, int charge) {
        HelixParameters h = HelixParameters.fromMomentum(px, py, pz, charge, 0.001, -0.002,
                PhysicalConstants.BELLE2_SOLENOID_FIELD_T, diagonalCovariance());
        return new Track(h, 14, 14, 0.21, 1.0, OptionalDouble.of(0.98), OptionalDouble.of(0.01));
    }

    /** A four-muon event with one soft photon, as simulation would deliver it. */
    public static RecordedEvent fourMuons(int run, long eventNumber) {
        return new RecordedEvent(26, run, eventNumber, 1_700_000_000_000L + eventNumber,
                List.of(muon(1.2, 0.3, 2.0, 1), muon(-0.8, 0.5, 1.1, -1), muon(0.2, -1.4, 0.4, 1), muon(-0.1, 0.4, -0.6, -1)),
                List.of(new Photon(0.15, 1.2, 0.4)),
                Optional.empty(), Optional.of(new McTruth("mumumumu", Double.NaN, 1.0)));
    }
}
