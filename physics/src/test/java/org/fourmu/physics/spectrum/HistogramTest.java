package org.fourmu.physics.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void fillsTheRightBinWithExactCounts() {
        Histogram h = Histogram.reducedMass();
        h.fill(3.00001);
        h.fill(3.00009);
        h.fill(3.00011);
        h.fill(-1);
        h.fill(10.0);
        assertEquals(2, h.count(30000), "0.1 MeV bins: 3.00001 and 3.00009 GeV share bin 30000");
        assertEquals(1, h.count(30001));
        assertEquals(5, h.entries());
        assertEquals(3, h.sum(0, h.bins()));
    }

    @Test
    void mergeAddsCountsAndRefusesOtherBinnings() {
        Histogram a = Histogram.reducedMass();
        Histogram b = Histogram.reducedMass();
        a.fill(1.0);
        b.fill(1.0, 3);
        b.fill(2.0);
        a.add(b);
        assertEquals(4, a.count(a.binOf(1.0)));
        assertEquals(5, a.entries());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(new Histogram(0, 10, 1000)));
        assertTrue(e.getMessage().contains("different binnings"));
    }

    @Test
    void binaryFormatRoundTripsAndIsCompactForSparseSpectra() {
        Histogram h = Histogram.reducedMass();
        for (int i = 0; i < 1000; i++) {
            h.fill(0.3 + i * 0.0071);
        }
        h.fill(12);
        byte[] bytes = h.toBytes();
        assertEquals(h, Histogram.fromBytes(bytes));
        assertTrue(bytes.length < 5000, "sparse encoding: " + bytes.length + " bytes");
    }

    @Test
    void corruptBytesAreRejectedWithAReason() {
        byte[] bytes = Histogram.reducedMass().toBytes();
        bytes[0] = 0;
        assertThrows(IllegalArgumentException.class, () -> Histogram.fromBytes(bytes));
    }
}
