package org.fourmu.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.fourmu.avro.DeadLetterReason;
import org.fourmu.topology.metrics.SearchMetrics;
import org.junit.jupiter.api.Test;

class DataTakingRatesTest {

    @Test
    void countersGrowingSteadilyGiveTheirSlopeOverTheLastWindowOnly() {
        DataTakingRates rates = new DataTakingRates(new SearchMetrics(new SimpleMeterRegistry()));
        // 10 s at 100 events/s, then 40 s at 250 events/s: the window sees only the second slope
        double events = 0;
        for (long t = 0; t <= 50_000; t += 1000) {
            rates.add(new DataTakingRates.Sample(t, events, events / 4, 0, Double.NaN));
            events += t < 10_000 ? 100 : 250;
        }
        DataTakingRates.Rates r = rates.rates();
        assertEquals(DataTakingRates.WINDOW_MILLIS / 1e3, r.windowSeconds(), 1e-12);
        assertEquals(250, r.eventsPerSecond(), 1e-9);
        assertEquals(62.5, r.candidatesPerSecond(), 1e-9);
        assertEquals(0, r.deadLettersPerSecond(), 0);
        assertEquals((long) (1000 + 40 * 250), r.eventsIn());
        assertNull(r.integratedLuminosityInvFb(), "no limit curve yet");
        assertNull(r.instantaneousLuminosityPerCm2s());
    }

    @Test
    void luminosityStepsEveryFiveSecondsGiveTheDemoLuminosity() {
        // the demo's default: 4e34 cm^-2 s^-1 x rate scale 500 = 2e37 cm^-2 s^-1 = 0.02 fb^-1/s (1 fb^-1 = 1e39 cm^-2);
        // a limit curve every 5 s carries the luminosity of its time, read once a second
        DataTakingRates rates = new DataTakingRates(new SearchMetrics(new SimpleMeterRegistry()));
        double perSecondInvFb = 4e34 * 500 / 1e39;
        for (long t = 0; t <= 40_000; t += 1000) {
            long published = t < 3000 ? -1 : 3000 + (t - 3000) / 5000 * 5000;
            rates.add(new DataTakingRates.Sample(t, 0, 0, 0, published < 0 ? Double.NaN : 1.5 + perSecondInvFb * published / 1e3));
        }
        DataTakingRates.Rates r = rates.rates();
        assertEquals(2e37, r.instantaneousLuminosityPerCm2s(), 2e37 * 1e-9);
        assertEquals(1.5 + perSecondInvFb * 38, r.integratedLuminosityInvFb(), 1e-12);
    }

    @Test
    void oneReadingHasTotalsButNoRatesAndDeadLettersAreCountedByReason() {
        SearchMetrics metrics = new SearchMetrics(new SimpleMeterRegistry());
        metrics.deadLetter(DeadLetterReason.values()[0]);
        metrics.deadLetter(DeadLetterReason.values()[0]);
        DataTakingRates rates = new DataTakingRates(metrics);
        assertNull(rates.rates());
        rates.sample(1000);
        DataTakingRates.Rates r = rates.rates();
        assertEquals(2, r.deadLetters());
        assertEquals(2L, r.deadLettersByReason().get(DeadLetterReason.values()[0].name()));
        assertNull(r.eventsPerSecond());
    }
}
