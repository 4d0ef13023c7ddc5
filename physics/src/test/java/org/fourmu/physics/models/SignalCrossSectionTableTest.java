package org.fourmu.physics.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SignalCrossSectionTableTest {

    private final SignalCrossSectionTable table = new SignalCrossSectionTable("zprime",
        new double[] {1, 2, 4}, new double[] {1000, 100, 10}, new double[] {1, 1, 1});

    @Test
    void shouldInterpolateExponentialFallExactly() {
        assertEquals(Math.sqrt(1000 * 100.0), table.sigmaTimesBranchingAtUnitCouplingFb(1.5), 1e-9);
        assertEquals(100, table.sigmaTimesBranchingAtUnitCouplingFb(2), 0);
    }

    @Test
    void couplingLimitShouldInvertSigmaScalingAsCouplingSquared() {
        double g = table.couplingLimit(2, 0.5);
        assertEquals(0.5, g * g * 100, 1e-12);
    }

    @Test
    void shouldRoundTripThroughCsvAndRejectMassesOutsideTheTable() {
        assertEquals(table, SignalCrossSectionTable.fromCsv("zprime", table.toCsv()));
        assertThrows(IllegalArgumentException.class, () -> table.sigmaTimesBranchingAtUnitCouplingFb(5));
    }
}
