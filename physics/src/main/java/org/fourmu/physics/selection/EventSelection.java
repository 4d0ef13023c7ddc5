package org.fourmu.physics.selection;

import java.util.ArrayList;
import java.util.List;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.candidates.Candidate;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.Photon;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.event.Track;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.kinfit.FourConstraintFit;
import org.fourmu.physics.kinfit.KinematicFitResult;
import org.fourmu.physics.pid.ParticleIdentification;
import org.fourmu.physics.trigger.TriggerEmulation;

/**
 * The per-event chain of paper Sec. IV A-C: trigger, particle identification, the candidate
 * selection, the 4C kinematic fit and the four mu+mu- candidates with their features. Stateless
 * and thread-safe; one call per event.
 */
public final class EventSelection {

    private static final double MU = PhysicalConstants.MUON_MASS_GEV;
    private static final double[] NO_PAIRS = new double[0];

    private final TriggerEmulation trigger;
    private final ParticleIdentification pid;
    private final SelectionParameters cuts;
    private final FourConstraintFit fit;

    public EventSelection(TriggerEmulation trigger, ParticleIdentification pid, SelectionParameters cuts, FourConstraintFit fit) {
        this.trigger = trigger;
        this.pid = pid;
        this.cuts = cuts;
        this.fit = fit;
    }

    /**
     * What happened to one event.
     *
     * @param failedAt    the first stage it failed, or null when it passed every stage
     * @param weight      trigger efficiency for simulation (the emulated decision is also applied), 1 for data
     * @param trigger     the trigger decision (null if the chain stopped before it)
     * @param fit         the kinematic fit (null if not reached)
     * @param candidates  the four candidates, electron-vetoed ones removed; empty unless passed
     * @param m4muGeV     M(4mu) from the measured tracks (NaN before that stage)
     * @param muonPairMassesGeV the J/psi monitor's input: masses of the opposite-sign pairs of tracks both
     *                    identified as muons, from the measured momenta; empty unless the trigger fired. The
     *                    monitor cannot use the candidates: its J/psi come from e+e- -> gamma_ISR psi(2S) ->
     *                    gamma J/psi pi+ pi-, which mostly lose a soft pion (four tracks) and otherwise have
     *                    M(4 tracks) near 3.7 GeV (Sec. IV C)
     */
    public record Outcome(Stage failedAt, double weight, TriggerEmulation.Decision trigger, KinematicFitResult fit,
                          List<Candidate> candidates, double m4muGeV, double[] muonPairMassesGeV) {

        /** An outcome without muon pairs. */
        public Outcome(Stage failedAt, double weight, TriggerEmulation.Decision trigger, KinematicFitResult fit,
                       List<Candidate> candidates, double m4muGeV) {
            this(failedAt, weight, trigger, fit, candidates, m4muGeV, NO_PAIRS);
        }

        public boolean passed() {
            return failedAt == null;
        }
    }

    public Outcome apply(RecordedEvent event, BeamConditions beams) {
        List<Track> tracks = event.tracks();
        ParticleIdentification.Decision[] ids = new ParticleIdentification.Decision[tracks.size()];
        boolean[] isMuon = new boolean[tracks.size()];
        for (int i = 0; i < tracks.size(); i++) {
            ids[i] = pid.identify(tracks.get(i));
            isMuon[i] = ids[i].muon();
        }
        TriggerEmulation.Decision trig = trigger.decide(event, isMuon);
        double weight = trig.fromRecordedBits() ? 1.0 : trig.efficiency();
        if (!trig.fired()) {
            return fail(Stage.TRIGGER, weight, trig, Double.NaN, NO_PAIRS);
        }
        double[] pairs = muonPairMasses(tracks, isMuon);
        if (tracks.size() != cuts.tracks()) {
            return fail(Stage.NTRACKS, weight, trig, Double.NaN, pairs);
        }
        int charge = 0;
        for (Track t : tracks) {
            charge += t.charge();
        }
        if (charge != 0) {
            return fail(Stage.CHARGE, weight, trig, Double.NaN, pairs);
        }
        List<FourVector> measured = new ArrayList<>(tracks.size());
        FourVector total = FourVector.ZERO;
        for (Track t : tracks) {
            FourVector p = t.momentum(MU);
            measured.add(p);
            total = total.plus(p);
        }
        double m4mu = total.mass();
        if (!(m4mu > cuts.m4muMinGeV() && m4mu < cuts.m4muMaxGeV())) {
            return fail(Stage.M4MU, weight, trig, m4mu, pairs);
        }
        for (Track t : tracks) {
            if (!(Math.abs(t.d0Cm()) < cuts.d0MaxCm() && Math.abs(t.z0Cm()) < cuts.z0MaxCm())) {
                return fail(Stage.IMPACT, weight, trig, m4mu, pairs);
            }
        }
        int muons = 0;
        boolean anyElectron = false;
        for (ParticleIdentification.Decision d : ids) {
            muons += d.muon() ? 1 : 0;
            anyElectron |= d.electron();
        }
        if (muons < cuts.minMuons()) {
            return fail(Stage.MUON_ID, weight, trig, m4mu, pairs);
        }
        Stage photonStage = photonRequirements(event.photons(), total, m4mu, beams);
        if (photonStage != null) {
            return fail(photonStage, weight, trig, m4mu, pairs);
        }
        FourVector initial = beams.initialState();
        KinematicFitResult fitted = fit.fit(tracks, initial);
        if (!fitted.converged()) {
            return new Outcome(Stage.KINFIT, weight, trig, fitted, List.of(), m4mu, pairs);
        }
        int[] charges = new int[tracks.size()];
        for (int i = 0; i < charges.length; i++) {
            charges[i] = tracks.get(i).charge();
        }
        List<Candidate> candidates = new ArrayList<>(4);
        for (Candidate c : CandidateBuilder.candidates(fitted.momenta(), measured, charges, beams)) {
            // below 1 GeV no track may be identified as an electron (conversions, ee mumu; Sec. IV C)
            if (!(anyElectron && c.massGeV() < cuts.electronVetoBelowGeV())) {
                candidates.add(c);
            }
        }
        return new Outcome(null, weight, trig, fitted, candidates, m4mu, pairs);
    }

    /** Masses [GeV] of the opposite-sign pairs of tracks identified as muons, from the measured momenta. */
    private static double[] muonPairMasses(List<Track> tracks, boolean[] isMuon) {
        double[] masses = new double[tracks.size() * tracks.size() / 4];
        int n = 0;
        for (int i = 0; i < tracks.size(); i++) {
            for (int j = i + 1; j < tracks.size(); j++) {
                if (isMuon[i] && isMuon[j] && tracks.get(i).charge() * tracks.get(j).charge() < 0) {
                    masses[n++] = tracks.get(i).momentum(MU).plus(tracks.get(j).momentum(MU)).mass();
                }
            }
        }
        return n == 0 ? NO_PAIRS : java.util.Arrays.copyOf(masses, n);
    }

    /**
     * The photon requirements of Sec. IV C for a charged system of lab four-momentum
     * {@code charged} and mass {@code massGeV}: total photon energy, the single-ISR-photon bound
     * below {@link SelectionParameters#isrCheckBelowGeV()}, and the largest c.m. angle between the
     * charged and the photon systems. Returns the first stage failed, or null when all pass. Also
     * used on mu+mu-(gamma) events to measure the ISR veto (paper Sec. IV E).
     */
    public Stage photonRequirements(List<Photon> photonList, FourVector charged, double massGeV, BeamConditions beams) {
        double photonEnergyLab = 0;
        FourVector photons = FourVector.ZERO;
        for (Photon g : photonList) {
            photonEnergyLab += g.energyGeV();
            photons = photons.plus(g.momentum());
        }
        if (!(photonEnergyLab < cuts.photonEnergyMaxGeV())) {
            return Stage.PHOTON_ENERGY;
        }
        if (photonList.isEmpty()) {
            return null;
        }
        FourVector photonsCm = beams.toCm(photons);
        if (massGeV < cuts.isrCheckBelowGeV()
                && !(photonsCm.e() < singleIsrPhotonEnergy(beams.initialState().mass2(), massGeV))) {
            return Stage.ISR;
        }
        FourVector chargedCm = beams.toCm(charged);
        double angle = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, chargedCm.cosAngle(photonsCm)))));
        return angle > cuts.maxPhotonAngleDeg() ? Stage.ANGLE : null;
    }

    /**
     * Energy in the c.m. frame of a single photon recoiling against a system of mass M:
     * E = (s - M^2) / (2 sqrt s); near M = sqrt s it is sqrt(s) - M to first order, the linear
     * relation the paper quotes (Sec. IV C).
     */
    public static double singleIsrPhotonEnergy(double s, double massGeV) {
        return (s - massGeV * massGeV) / (2 * Math.sqrt(s));
    }

    private static Outcome fail(Stage stage, double weight, TriggerEmulation.Decision trig, double m4mu, double[] pairs) {
        return new Outcome(stage, weight, trig, null, List.of(), m4mu, pairs);
    }
}
