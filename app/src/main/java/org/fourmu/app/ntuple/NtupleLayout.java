package org.fourmu.app.ntuple;

import static org.fourmu.app.ntuple.NtupleColumn.Type.DOUBLE;
import static org.fourmu.app.ntuple.NtupleColumn.Type.INT;
import static org.fourmu.app.ntuple.NtupleColumn.Type.LONG;
import static org.fourmu.app.ntuple.NtupleColumn.Type.STRING;
import static org.fourmu.app.ntuple.NtupleColumn.optional;
import static org.fourmu.app.ntuple.NtupleColumn.required;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three tables of a flat ntuple as basf2's VariablesToNtuple writes them (one row per candidate of a
 * particle list, event numbers repeated on every row): tracks, photons, and a run table for what an ntuple
 * does not carry (luminosity, beams). docs/ntuple-format.md documents every column.
 */
public final class NtupleLayout {

    public static final String EXPERIMENT = "__experiment__";
    public static final String RUN = "__run__";
    public static final String EVENT = "__event__";
    public static final String CANDIDATE = "__candidate__";
    public static final String N_CANDIDATES = "__ncandidates__";

    public static final String TIME_SECONDS = "eventTimeSeconds";
    public static final String TIME_FRACTION = "eventTimeSecondsFractionRemainder";
    public static final String PX = "px";
    public static final String PY = "py";
    public static final String PZ = "pz";
    public static final String CHARGE = "charge";
    public static final String D0 = "d0";
    public static final String PHI0 = "phi0";
    public static final String OMEGA = "omega";
    public static final String Z0 = "z0";
    public static final String TAN_LAMBDA = "tanLambda";
    public static final String MUON_ID = "muonID";
    public static final String ELECTRON_ID = "electronID";
    public static final String CLUSTER_E = "clusterE";
    public static final String DEDX = "CDCdEdxMIP";
    public static final String KLM_REACHED = "klmLayersReached";
    public static final String KLM_EXPECTED = "klmLayersExpected";
    public static final String TRG_THREE_TRACK = "trgThreeTrack";
    public static final String TRG_SINGLE_MUON = "trgSingleMuon";
    public static final String TRG_ECL_REFERENCE = "trgEclReference";
    public static final String MC_PROCESS = "mcProcess";
    public static final String MC_MASS = "mcGeneratedMass";
    public static final String MC_WEIGHT = "mcWeight";

    public static final String PHOTON_E = "E";
    public static final String PHOTON_THETA = "theta";
    public static final String PHOTON_PHI = "phi";

    public static final String LUMINOSITY = "integratedLuminosity";
    public static final String HER_ENERGY = "herEnergy";
    public static final String LER_ENERGY = "lerEnergy";
    public static final String HER_ANGLE = "herAngle";
    public static final String LER_ANGLE = "lerAngle";
    public static final String START_MILLIS = "startMillis";
    public static final String STOP_MILLIS = "stopMillis";

    /** basf2's helix parameter order in trackFitCovariance(i, j): d0, phi0, omega, z0, tanLambda. */
    public static final int HELIX_PARAMETERS = 5;
    private static final String[] HELIX_UNITS = {"cm", "rad", "1/cm", "cm", "1"};

    /** One row per track (basf2: a charged particle list such as pi+:all). */
    public static final List<NtupleColumn> TRACKS;
    /** One row per photon (basf2: gamma:all), joined to the tracks by the event numbers. */
    public static final List<NtupleColumn> PHOTONS = List.of(
            required(EXPERIMENT, INT, ""), required(RUN, INT, ""), required(EVENT, LONG, ""),
            optional(CANDIDATE, INT, ""), optional(N_CANDIDATES, INT, ""),
            required(PHOTON_E, DOUBLE, "GeV"), required(PHOTON_THETA, DOUBLE, "rad"), required(PHOTON_PHI, DOUBLE, "rad"));
    /** One row per run: what no event-level ntuple carries. */
    public static final List<NtupleColumn> RUNS = List.of(
            required(EXPERIMENT, INT, ""), required(RUN, INT, ""), required(LUMINOSITY, DOUBLE, "fb^-1"),
            required(HER_ENERGY, DOUBLE, "GeV"), required(LER_ENERGY, DOUBLE, "GeV"),
            optional(HER_ANGLE, DOUBLE, "rad"), optional(LER_ANGLE, DOUBLE, "rad"),
            optional(START_MILLIS, LONG, "ms"), optional(STOP_MILLIS, LONG, "ms"));

    static {
        List<NtupleColumn> t = new ArrayList<>(List.of(
                required(EXPERIMENT, INT, ""), required(RUN, INT, ""), required(EVENT, LONG, ""),
                optional(CANDIDATE, INT, ""), optional(N_CANDIDATES, INT, ""),
                optional(TIME_SECONDS, LONG, "s"), optional(TIME_FRACTION, DOUBLE, "s"),
                required(PX, DOUBLE, "GeV"), required(PY, DOUBLE, "GeV"), required(PZ, DOUBLE, "GeV"),
                required(CHARGE, INT, "e"),
                required(D0, DOUBLE, "cm"), required(PHI0, DOUBLE, "rad"), required(OMEGA, DOUBLE, "1/cm"),
                required(Z0, DOUBLE, "cm"), required(TAN_LAMBDA, DOUBLE, "")));
        for (int i = 0; i < HELIX_PARAMETERS; i++) {
            for (int j = i; j < HELIX_PARAMETERS; j++) {
                t.add(required(covariance(i, j), DOUBLE, HELIX_UNITS[i] + "*" + HELIX_UNITS[j]));
            }
        }
        t.addAll(List.of(
                optional(MUON_ID, DOUBLE, ""), optional(ELECTRON_ID, DOUBLE, ""),
                optional(CLUSTER_E, DOUBLE, "GeV"), optional(DEDX, DOUBLE, "MIP"),
                optional(KLM_REACHED, INT, "layers"), optional(KLM_EXPECTED, INT, "layers"),
                optional(TRG_THREE_TRACK, INT, ""), optional(TRG_SINGLE_MUON, INT, ""), optional(TRG_ECL_REFERENCE, INT, ""),
                optional(MC_PROCESS, STRING, ""), optional(MC_MASS, DOUBLE, "GeV"), optional(MC_WEIGHT, DOUBLE, "")));
        TRACKS = List.copyOf(t);
    }

    private static final Pattern COVARIANCE = Pattern.compile("trackFitCovariance\\((\\d),(\\d)\\)");

    private NtupleLayout() {
    }

    /**
     * The column name of basf2's {@code trackFitCovariance(i, j)} as a ROOT branch (and so as uproot, pandas and
     * Parquet see it): VariablesToNtuple's makeROOTCompatible spells '(' ',' ' ' ')' as __bo __cm __sp __bc.
     */
    public static String covariance(int i, int j) {
        return "trackFitCovariance__bo" + Math.min(i, j) + "__cm__sp" + Math.max(i, j) + "__bc";
    }

    /**
     * The name columns are matched on: ROOT-compatible spellings turned back into the variable
     * ({@code trackFitCovariance__bo0__cm__sp2__bc} and {@code trackFitCovariance(0, 2)} both read as
     * {@code trackFitCovariance(0,2)}), spaces dropped, a covariance element's indices in ascending order.
     */
    public static String canonical(String name) {
        String n = name.strip();
        if (!(n.startsWith("__") && n.endsWith("__"))) {
            n = n.replace("__bo", "(").replace("__bc", ")").replace("__cm", ",").replace("__sp", " ");
        }
        n = n.replaceAll("\\s+", "");
        Matcher m = COVARIANCE.matcher(n);
        if (m.matches()) {
            int i = Integer.parseInt(m.group(1));
            int j = Integer.parseInt(m.group(2));
            n = "trackFitCovariance(" + Math.min(i, j) + "," + Math.max(i, j) + ")";
        }
        return n;
    }
}
