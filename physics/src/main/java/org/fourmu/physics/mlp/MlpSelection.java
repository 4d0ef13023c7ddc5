package org.fourmu.physics.mlp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import org.fourmu.physics.candidates.Candidate;
import org.fourmu.physics.candidates.CandidateFeatures;
import org.fourmu.physics.candidates.MlpRange;

/**
 * The MLP selection (paper Sec. IV D): one network per MLP range on the 16 candidate features and
 * a cut on its output that depends on M(mumu). A candidate is scored by the network of its own
 * range, or of a neighbouring range when a fit window crosses the boundary (Sec. V). Immutable,
 * thread-safe, allocation-free per candidate.
 */
public final class MlpSelection {

    /** "FMLS" */
    private static final int MAGIC = 0x464D4C53;
    /** Version 1: five ranges in order, each a network (its own format) and a cut curve. */
    public static final int FORMAT_VERSION = 1;
    /** Format id of {@link #toBytes()} in the calibration bundle's MLP slot. */
    public static final String FORMAT_ID = "fourmu-mlp-selection/" + FORMAT_VERSION;

    private final EnumMap<MlpRange, MultilayerPerceptron> networks;
    private final EnumMap<MlpRange, CutCurve> cuts;
    private final ThreadLocal<double[]> features = ThreadLocal.withInitial(() -> new double[CandidateFeatures.COUNT]);

    public MlpSelection(Map<MlpRange, MultilayerPerceptron> networks, Map<MlpRange, CutCurve> cuts) {
        this.networks = new EnumMap<>(MlpRange.class);
        this.cuts = new EnumMap<>(MlpRange.class);
        for (MlpRange r : MlpRange.values()) {
            MultilayerPerceptron n = networks.get(r);
            CutCurve c = cuts.get(r);
            if (n == null || c == null) {
                throw new IllegalArgumentException("MLP range " + r + " needs a network and a cut curve");
            }
            if (n.inputs() != CandidateFeatures.COUNT) {
                throw new IllegalArgumentException("the network of " + r + " has " + n.inputs() + " inputs, candidates "
                        + CandidateFeatures.COUNT);
            }
            this.networks.put(r, n);
            this.cuts.put(r, c);
        }
    }

    public MultilayerPerceptron network(MlpRange range) {
        return networks.get(range);
    }

    public CutCurve cutCurve(MlpRange range) {
        return cuts.get(range);
    }

    /** The output of the candidate's own range's network. */
    public double score(Candidate candidate) {
        return score(candidate, candidate.mlpRange());
    }

    /** The output of {@code range}'s network for this candidate. */
    public double score(Candidate candidate, MlpRange range) {
        double[] x = features.get();
        for (int k = 0; k < x.length; k++) {
            x[k] = candidate.feature(k);
        }
        return networks.get(range).score(x);
    }

    /** The cut of {@code range} at M(mumu) = {@code massGeV}. */
    public double cut(MlpRange range, double massGeV) {
        return cuts.get(range).at(massGeV);
    }

    /** Whether the candidate passes its own range's cut at its mass. */
    public boolean passes(Candidate candidate) {
        return passes(candidate, candidate.mlpRange());
    }

    /** Whether the candidate passes {@code range}'s network and cut (the cut curve evaluated at the candidate's mass). */
    public boolean passes(Candidate candidate, MlpRange range) {
        return score(candidate, range) >= cut(range, candidate.massGeV());
    }

    /** The canonical bytes, stable for equal selections. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(MlpRange.values().length);
            for (MlpRange r : MlpRange.values()) {
                out.writeInt(r.number());
                networks.get(r).writeTo(out);
                CutCurve c = cuts.get(r);
                out.writeInt(c.knots());
                double[] m = c.massesGeV();
                double[] v = c.cuts();
                for (int k = 0; k < m.length; k++) {
                    out.writeDouble(m[k]);
                    out.writeDouble(v[k]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static MlpSelection fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a fourmu MLP selection (bad magic)");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("MLP selection format version " + version + " is not supported (expected "
                        + FORMAT_VERSION + ")");
            }
            int ranges = in.readInt();
            if (ranges != MlpRange.values().length) {
                throw new IllegalArgumentException("expected " + MlpRange.values().length + " MLP ranges, found " + ranges);
            }
            Map<MlpRange, MultilayerPerceptron> networks = new EnumMap<>(MlpRange.class);
            Map<MlpRange, CutCurve> cuts = new EnumMap<>(MlpRange.class);
            for (int i = 0; i < ranges; i++) {
                int number = in.readInt();
                if (number != i + 1) {
                    throw new IllegalArgumentException("MLP ranges out of order: " + number + " at position " + (i + 1));
                }
                MlpRange r = MlpRange.ofNumber(number);
                networks.put(r, MultilayerPerceptron.readFrom(in));
                int knots = in.readInt();
                if (knots < 1 || knots > 100_000) {
                    throw new IllegalArgumentException("implausible knot count " + knots);
                }
                double[] m = new double[knots];
                double[] v = new double[knots];
                for (int k = 0; k < knots; k++) {
                    m[k] = in.readDouble();
                    v[k] = in.readDouble();
                }
                cuts.put(r, new CutCurve(m, v));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("trailing bytes after the MLP selection");
            }
            return new MlpSelection(networks, cuts);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an MLP selection: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MlpSelection s && networks.equals(s.networks) && cuts.equals(s.cuts);
    }

    @Override
    public int hashCode() {
        return 31 * networks.hashCode() + cuts.hashCode();
    }
}
