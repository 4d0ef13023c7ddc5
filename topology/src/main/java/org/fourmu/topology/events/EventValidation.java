package org.fourmu.topology.events;

import java.util.List;
import java.util.Optional;
import org.fourmu.avro.DeadLetterReason;
import org.fourmu.avro.EclPhoton;
import org.fourmu.avro.Event;
import org.fourmu.avro.HelixTrack;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.HelixParameters;

/**
 * Checks that a decoded {@link Event} is physically meaningful before the analysis sees it; a
 * rejected record goes to the dead-letter topic with the reason this returns.
 */
public final class EventValidation {

    /** More tracks than any e+e- event at 10.58 GeV plausibly has (hadronic events average ~11). */
    public static final int MAX_TRACKS = 100;
    /** More photons than any plausible event, beam background included. */
    public static final int MAX_PHOTONS = 200;
    /** No particle from a 10.58 GeV collision with a 7 GeV electron beam carries more than this in the lab [GeV]. */
    public static final double MAX_MOMENTUM_GEV = 12.0;
    /** Relative disagreement allowed between the stored momentum and the helix's. */
    public static final double MOMENTUM_HELIX_TOLERANCE = 1e-3;

    private EventValidation() {
    }

    /** Why a record is rejected: a bounded reason code and a message naming the offending value. */
    public record Problem(DeadLetterReason reason, String message) {
    }

    /** The first problem found, or empty for a valid event (which allocates no message: every event of the stream passes here). */
    public static Optional<Problem> problem(Event e) {
        List<HelixTrack> tracks = e.getTracks();
        if (tracks.size() > MAX_TRACKS) {
            return reject(DeadLetterReason.TOO_MANY_TRACKS, tracks.size() + " tracks (at most " + MAX_TRACKS + ")");
        }
        if (e.getPhotons().size() > MAX_PHOTONS) {
            return reject(DeadLetterReason.INVALID_VALUE, e.getPhotons().size() + " photons (at most " + MAX_PHOTONS + ")");
        }
        if (e.getRun() < 0 || e.getExperiment() < 0 || e.getEventNumber() < 0) {
            return reject(DeadLetterReason.INVALID_VALUE, "negative experiment, run or event number");
        }
        for (int i = 0; i < tracks.size(); i++) {
            Optional<Problem> p = trackProblem(i, tracks.get(i));
            if (p.isPresent()) {
                return p;
            }
        }
        for (int i = 0; i < e.getPhotons().size(); i++) {
            EclPhoton g = e.getPhotons().get(i);
            if (!finite(g.getEnergy(), g.getTheta(), g.getPhi())) {
                return reject(DeadLetterReason.INVALID_VALUE, "photon " + i + " has a NaN or infinite value");
            }
            if (g.getEnergy() < 0 || g.getEnergy() > MAX_MOMENTUM_GEV) {
                return reject(DeadLetterReason.INVALID_VALUE, "photon " + i + " energy " + g.getEnergy() + " GeV is outside [0, " + MAX_MOMENTUM_GEV + "]");
            }
            if (g.getTheta() < 0 || g.getTheta() > Math.PI) {
                return reject(DeadLetterReason.INVALID_VALUE, "photon " + i + " theta " + g.getTheta() + " rad is outside [0, pi]");
            }
        }
        if (e.getTruth() != null && !(Double.isFinite(e.getTruth().getWeight()) && e.getTruth().getWeight() >= 0)) {
            return reject(DeadLetterReason.INVALID_VALUE, "truth weight " + e.getTruth().getWeight() + " is not a finite non-negative number");
        }
        return Optional.empty();
    }

    private static Optional<Problem> trackProblem(int i, HelixTrack t) {
        if (!finite(t.getPx(), t.getPy(), t.getPz(), t.getD0(), t.getPhi0(), t.getOmega(), t.getZ0(), t.getTanLambda(),
                t.getEclEnergy(), t.getDedx())) {
            return reject(DeadLetterReason.INVALID_VALUE, "track " + i + " has a NaN or infinite value");
        }
        if (t.getCharge() != 1 && t.getCharge() != -1) {
            return reject(DeadLetterReason.INVALID_VALUE, "track " + i + " charge " + t.getCharge() + " is not +1 or -1");
        }
        if (t.getOmega() == 0 || Math.signum(t.getOmega()) != t.getCharge()) {
            return reject(DeadLetterReason.INCONSISTENT_TRACK, "track " + i + " curvature omega=" + t.getOmega()
                    + " does not carry the sign of its charge " + t.getCharge());
        }
        double p = Math.sqrt(t.getPx() * t.getPx() + t.getPy() * t.getPy() + t.getPz() * t.getPz());
        if (p > MAX_MOMENTUM_GEV) {
            return reject(DeadLetterReason.INVALID_VALUE, "track " + i + " momentum " + p + " GeV exceeds " + MAX_MOMENTUM_GEV + " GeV");
        }
        if (t.getEclEnergy() < 0 || t.getDedx() < 0) {
            return reject(DeadLetterReason.INVALID_VALUE, "track " + i + " has a negative ECL energy or dE/dx");
        }
        if (t.getKlmLayersReached() < 0 || t.getKlmLayersExpected() < 0) {
            return reject(DeadLetterReason.INVALID_VALUE, "track " + i + " has a negative KLM layer count");
        }
        for (Double id : new Double[] {t.getMuonId(), t.getElectronId()}) {
            if (id != null && !(id >= 0 && id <= 1)) {
                return reject(DeadLetterReason.INVALID_VALUE, "track " + i + " has a particle-ID likelihood " + id + " outside [0, 1]");
            }
        }
        List<Double> cov = t.getHelixCovariance();
        if (cov.size() != HelixParameters.PACKED_SIZE) {
            return reject(DeadLetterReason.INCONSISTENT_TRACK, "track " + i + " helix covariance has " + cov.size()
                    + " elements, expected " + HelixParameters.PACKED_SIZE);
        }
        double[] c = PackedDoubles.readOnlyArray(cov);
        for (int k = 0; k < c.length; k++) {
            if (!Double.isFinite(c[k])) {
                return reject(DeadLetterReason.INVALID_VALUE, "track " + i + " helix covariance has a NaN or infinite element");
            }
        }
        HelixParameters helix = new HelixParameters(t.getD0(), t.getPhi0(), t.getOmega(), t.getZ0(), t.getTanLambda(), c);
        if (!helix.hasPositiveDefiniteCovariance()) {
            return reject(DeadLetterReason.INCONSISTENT_TRACK, "track " + i + " helix covariance is not positive definite");
        }
        double helixP = helix.momentum(0, PhysicalConstants.BELLE2_SOLENOID_FIELD_T).p();
        if (Math.abs(helixP - p) > MOMENTUM_HELIX_TOLERANCE * Math.max(p, helixP)) {
            return reject(DeadLetterReason.INCONSISTENT_TRACK, "track " + i + " momentum " + p + " GeV disagrees with its helix ("
                    + helixP + " GeV)");
        }
        return Optional.empty();
    }

    private static boolean finite(double... values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Problem> reject(DeadLetterReason reason, String message) {
        return Optional.of(new Problem(reason, message));
    }
}
