package org.fourmu.simulation.datataking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.simulation.detector.FastDetector;
import org.junit.jupiter.api.Test;

class DataTakingSourceTest {

    private static DataTakingConfig config(long seed) {
        return new DataTakingConfig(3, 10, 4e34, 2.0, 0.5, List.of("tautau", "jpsipipi"), 20.0,
            Optional.empty(), BeamConditions.NOMINAL, 1_000_000L, seed);
    }

    @Test
    void shouldProduceTheSameStreamForTheSameSeed() {
        DataTakingSource a = new DataTakingSource(config(5), FastDetector.nominal());
        DataTakingSource b = new DataTakingSource(config(5), FastDetector.nominal());
        for (int k = 0; k < 3; k++) {
            DataTakingSource.Slice sa = a.next();
            DataTakingSource.Slice sb = b.next();
            assertEquals(sa.run(), sb.run());
            assertEquals(sa.events().size(), sb.events().size());
            for (int i = 0; i < sa.events().size(); i++) {
                assertEquals(sa.events().get(i).tracks().size(), sb.events().get(i).tracks().size());
                assertEquals(sa.events().get(i).photons(), sb.events().get(i).photons());
            }
        }
    }

    @Test
    void shouldAccumulateLuminosityAndStartANewRunAfterTheRunLength() {
        DataTakingSource source = new DataTakingSource(config(6), FastDetector.nominal());
        double perSlice = 4e34 / 1e39 * 20 * 0.5;
        long lastTime = Long.MIN_VALUE;
        long expectedNumber = 0;
        for (int k = 0; k < 4; k++) {
            DataTakingSource.Slice s = source.next();
            assertEquals(10, s.run().run());
            assertEquals((k + 1) * perSlice, s.run().integratedLumiInvFb(), 1e-15);
            assertEquals(k == 3 ? RunState.STOPPED : RunState.RUNNING, s.run().state());
            for (RecordedEvent e : s.events()) {
                assertTrue(e.timeMillis() >= lastTime);
                lastTime = e.timeMillis();
                assertEquals(expectedNumber++, e.eventNumber());
            }
        }
        DataTakingSource.Slice next = source.next();
        assertEquals(11, next.run().run());
        assertEquals(1_002_000L, next.run().startMillis());
        if (!next.events().isEmpty()) {
            assertEquals(0, next.events().get(0).eventNumber());
        }
    }

    @Test
    void shouldProduceEventsAtCrossSectionTimesLuminosity() {
        DataTakingSource source = new DataTakingSource(config(7), FastDetector.nominal());
        double[] rates = source.ratesPerSecond();
        assertEquals(0.919e6 * 4e-5 * 20, rates[0], 1e-6);
        long total = 0;
        int slices = 8;
        for (int k = 0; k < slices; k++) {
            total += source.next().events().size();
        }
        double expected = (rates[0] + rates[1]) * 0.5 * slices;
        assertEquals(expected, total, 5 * Math.sqrt(expected));
    }

    private static double signalRate(double coupling, double strength) {
        DataTakingConfig c = new DataTakingConfig(3, 10, 4e34, 2.0, 0.5, List.of(), 20.0,
            Optional.of(new InjectedSignal("zprime", 5.3, coupling, strength)), BeamConditions.NOMINAL, 1_000_000L, 4);
        double[] rates = new DataTakingSource(c, FastDetector.nominal()).ratesPerSecond();
        return rates[rates.length - 1];
    }

    @Test
    void signalStrengthMultipliesTheSignalRateAndStandsInForAFactorTenInCoupling() {
        assertEquals(100 * signalRate(0.03, 1), signalRate(0.03, 100), 1e-9 * signalRate(0.03, 100));
        // sigma x B grows as g^2 (B does not depend on g): g' = 0.03 at strength 100 is the rate of g' = 0.3, but
        // 100 times narrower; the two presampled cross sections differ by their Monte Carlo errors (~1%)
        assertEquals(1, signalRate(0.03, 100) / signalRate(0.3, 1), 0.03);
    }
}
