package org.fourmu.physics.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CutCurveTest {

    private final CutCurve curve = new CutCurve(new double[] {1.0, 2.0, 4.0}, new double[] {0.5, 0.7, 0.3});

    @Test
    void interpolatesLinearlyBetweenKnots() {
        assertEquals(0.6, curve.at(1.5), 1e-15);
        assertEquals(0.5, curve.at(3.0), 1e-15);
        assertEquals(0.7, curve.at(2.0), 0);
    }

    @Test
    void isConstantBeyondTheOuterKnots() {
        assertEquals(0.5, curve.at(0.2), 0);
        assertEquals(0.3, curve.at(9.0), 0);
        assertEquals(0.42, CutCurve.constant(3, 0.42).at(7), 0);
    }

    @Test
    void refusesUnorderedKnots() {
        assertThrows(IllegalArgumentException.class, () -> new CutCurve(new double[] {2, 1}, new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new CutCurve(new double[] {1}, new double[] {0, 0}));
    }
}
