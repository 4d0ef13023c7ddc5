package org.fourmu.physics.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.fourmu.physics.candidates.Candidate;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.candidates.CandidateFeatures;
import org.fourmu.physics.candidates.MlpRange;
import org.fourmu.physics.kinematics.FourVector;
import org.junit.jupiter.api.Test;

class MlpSelectionTest {

    private static final int[] SIZES = {CandidateFeatures.COUNT, 6, 1};

    static MlpSelection selection() {
        Map<MlpRange, MultilayerPerceptron> nets = new EnumMap<>(MlpRange.class);
        Map<MlpRange, CutCurve> cuts = new EnumMap<>(MlpRange.class);
        for (MlpRange r : MlpRange.values()) {
            nets.put(r, MultilayerPerceptronTest.randomNetwork(SIZES, 100 + r.number()));
            cuts.put(r, new CutCurve(new double[] {r.lowGeV() + 0.1, r.highGeV() - 0.1}, new double[] {0.3, 0.6}));
        }
        return new MlpSelection(nets, cuts);
    }

    static Candidate candidate(double massGeV, double featureValue) {
        double[] f = new double[CandidateFeatures.COUNT];
        for (int k = 0; k < f.length; k++) {
            f[k] = featureValue * (k + 1) / f.length;
        }
        FourVector p = new FourVector(1, 0, 0, 0.5);
        return new Candidate(0, p, p, p, p, massGeV, CandidateBuilder.reducedMass(massGeV), massGeV, 4.0, f);
    }

    @Test
    void scoresWithTheNetworkOfTheCandidatesRangeOrOfTheOneAsked() {
        MlpSelection s = selection();
        Candidate c = candidate(5.0, 0.4);
        assertEquals(MlpRange.R3, c.mlpRange());
        assertEquals(s.network(MlpRange.R3).score(c.features()), s.score(c), 0);
        assertEquals(s.network(MlpRange.R2).score(c.features()), s.score(c, MlpRange.R2), 0);
    }

    @Test
    void passesComparesTheScoreWithTheCutAtTheCandidateMass() {
        MlpSelection s = selection();
        for (double m : new double[] {0.3, 2.0, 3.76, 7.0, 9.9}) {
            for (double v : new double[] {-2, -0.5, 0.3, 1, 3}) {
                Candidate c = candidate(m, v);
                MlpRange r = c.mlpRange();
                assertEquals(s.score(c) >= s.cutCurve(r).at(m), s.passes(c));
                assertEquals(s.score(c, MlpRange.R1) >= s.cutCurve(MlpRange.R1).at(m), s.passes(c, MlpRange.R1));
            }
        }
        // cut 0.3 at the low knot, 0.6 at the high knot of every range
        assertEquals(0.45, s.cut(MlpRange.R2, (MlpRange.R2.lowGeV() + MlpRange.R2.highGeV()) / 2), 1e-12);
    }

    @Test
    void alwaysOrNeverPassingCutsBehaveAsSuch() {
        Map<MlpRange, MultilayerPerceptron> nets = new EnumMap<>(MlpRange.class);
        Map<MlpRange, CutCurve> open = new EnumMap<>(MlpRange.class);
        Map<MlpRange, CutCurve> closed = new EnumMap<>(MlpRange.class);
        for (MlpRange r : MlpRange.values()) {
            nets.put(r, MultilayerPerceptronTest.randomNetwork(SIZES, r.number()));
            open.put(r, CutCurve.constant(r.lowGeV(), 0.0));
            closed.put(r, CutCurve.constant(r.lowGeV(), 1.1));
        }
        Candidate c = candidate(1.5, 0.2);
        assertTrue(new MlpSelection(nets, open).passes(c));
        assertFalse(new MlpSelection(nets, closed).passes(c));
    }

    @Test
    void serialisationRoundTripIsIdentical() {
        MlpSelection s = selection();
        byte[] bytes = s.toBytes();
        MlpSelection back = MlpSelection.fromBytes(bytes);
        assertEquals(s, back);
        assertArrayEquals(bytes, back.toBytes());
        assertArrayEquals(bytes, selection().toBytes());
        for (double m = 0.25; m < 10; m += 0.37) {
            Candidate c = candidate(m, Math.sin(7 * m));
            assertEquals(Double.doubleToLongBits(s.score(c)), Double.doubleToLongBits(back.score(c)));
            assertEquals(s.passes(c), back.passes(c));
        }
        byte[] broken = bytes.clone();
        broken[3] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> MlpSelection.fromBytes(broken));
    }

    @Test
    void needsEveryRange() {
        Map<MlpRange, MultilayerPerceptron> nets = new EnumMap<>(MlpRange.class);
        Map<MlpRange, CutCurve> cuts = new EnumMap<>(MlpRange.class);
        nets.put(MlpRange.R1, MultilayerPerceptronTest.randomNetwork(SIZES, 1));
        cuts.put(MlpRange.R1, CutCurve.constant(0.5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new MlpSelection(nets, cuts));
    }
}
