package org.fourmu.physics.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SystematicUncertaintiesTest {

    static final SystematicUncertainties TABLE = SystematicUncertainties.paperTableI();

    @Test
    void totalSpansThePapersRangeOverTheSearch() {
        // paper Sec. VI: the total ranges from 9.5% to 12.9% depending on the X mass
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double m = 0.212; m <= 9.0; m += 0.001) {
            min = Math.min(min, TABLE.totalRelative(m));
            max = Math.max(max, TABLE.totalRelative(m));
        }
        assertEquals(0.095, min, 0.0005);
        assertEquals(0.129, max, 0.0005);
    }

    @Test
    void everySourceStaysInsideItsTableIRange() {
        double[][] ranges = {{0.3, 1.7}, {3.6, 3.6}, {0.7, 3.0}, {1.0, 1.0}, {1.1, 8.1}, {3, 3}, {4, 4}, {7, 7}, {1, 1}};
        for (int i = 0; i < ranges.length; i++) {
            SystematicUncertainties.Source s = TABLE.sources().get(i);
            double lo = Double.MAX_VALUE;
            double hi = 0;
            for (double m = 0.212; m <= 10.0; m += 0.01) {
                lo = Math.min(lo, s.percentAt(m));
                hi = Math.max(hi, s.percentAt(m));
            }
            assertEquals(ranges[i][0], lo, 1e-9, s.name());
            assertEquals(ranges[i][1], hi, 1e-9, s.name());
        }
    }

    @Test
    void mlpSourceStepsAtTheRangeBoundaries() {
        SystematicUncertainties.Source mlp = TABLE.sources().get(4);
        assertEquals(8.1, mlp.percentAt(3.7499), 0.0);
        assertEquals(1.1, mlp.percentAt(3.75), 0.0);
        assertEquals(1.1, mlp.percentAt(6.2499), 0.0);
        assertEquals(8.1, mlp.percentAt(6.25), 0.0);
    }

    @Test
    void sumIsInQuadrature() {
        SystematicUncertainties two = new SystematicUncertainties(java.util.List.of(
                SystematicUncertainties.Source.flat("a", "", 3), SystematicUncertainties.Source.flat("b", "", 4)));
        assertEquals(0.05, two.totalRelative(2.0), 1e-15);
    }
}
