package org.fourmu.app.http;

import io.micrometer.core.instrument.Gauge;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fourmu.avro.DeadLetterReason;
import org.fourmu.simulation.datataking.DataTakingConfig;
import org.fourmu.topology.metrics.SearchMetrics;

/**
 * The data-taking rates of this instance, from its counters (events read, candidates selected, dead
 * letters) and the integrated luminosity of the latest limit curve, read once a second: the totals
 * since process start and their rates over the last {@link #WINDOW_MILLIS} ms. The luminosity changes
 * only when a limit curve is published (every few seconds), so its rate is taken between the first and
 * the last change seen in the last {@link #LUMINOSITY_WINDOW_MILLIS} ms.
 */
public final class DataTakingRates {

    /** Span of the counter rates. */
    static final long WINDOW_MILLIS = 15_000;
    /** Span over which luminosity steps are looked for; several limit-curve publications fit in it. */
    static final long LUMINOSITY_WINDOW_MILLIS = 60_000;

    /** One reading of the counters; luminosity NaN before the first limit curve. */
    record Sample(long millis, double events, double candidates, double deadLetters, double lumiInvFb) {
    }

    /**
     * What {@code /api/rates} answers. Rates are null until two readings span some time; the instantaneous
     * luminosity (cm^-2 s^-1) until the integrated luminosity has changed twice within its window.
     */
    public record Rates(long sampledMillis, double windowSeconds, long eventsIn, Double eventsPerSecond, long candidates,
                        Double candidatesPerSecond, long deadLetters, Double deadLettersPerSecond,
                        Map<String, Long> deadLettersByReason, Double integratedLuminosityInvFb,
                        Double instantaneousLuminosityPerCm2s) {
    }

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private final SearchMetrics metrics;

    DataTakingRates(SearchMetrics metrics) {
        this.metrics = metrics;
    }

    /** Reads the counters now. */
    void sample(long nowMillis) {
        double dead = 0;
        for (DeadLetterReason r : DeadLetterReason.values()) {
            dead += metrics.deadLetters(r);
        }
        Gauge lumi = metrics.registry().find("fourmu.luminosity.integrated.invfb").gauge();
        add(new Sample(nowMillis, metrics.eventsIn(), metrics.candidatesSelected(), dead, lumi == null ? Double.NaN : lumi.value()));
    }

    synchronized void add(Sample s) {
        samples.addLast(s);
        while (samples.size() > 2 && samples.peekFirst().millis() < s.millis() - LUMINOSITY_WINDOW_MILLIS) {
            samples.removeFirst();
        }
    }

    /** The totals of the latest reading and the rates up to it; null before the first reading. */
    synchronized Rates rates() {
        if (samples.isEmpty()) {
            return null;
        }
        Sample last = samples.peekLast();
        Sample first = last;
        for (Iterator<Sample> it = samples.descendingIterator(); it.hasNext(); ) {
            Sample s = it.next();
            if (s.millis() < last.millis() - WINDOW_MILLIS) {
                break;
            }
            first = s;
        }
        double seconds = (last.millis() - first.millis()) / 1e3;
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (DeadLetterReason r : DeadLetterReason.values()) {
            byReason.put(r.name(), (long) metrics.deadLetters(r));
        }
        return new Rates(last.millis(), seconds, (long) last.events(), rate(last.events() - first.events(), seconds),
                (long) last.candidates(), rate(last.candidates() - first.candidates(), seconds), (long) last.deadLetters(),
                rate(last.deadLetters() - first.deadLetters(), seconds), byReason,
                Double.isFinite(last.lumiInvFb()) ? last.lumiInvFb() : null, instantaneousLuminosity());
    }

    /** From the first to the last step of the integrated luminosity in the window, in cm^-2 s^-1. */
    private Double instantaneousLuminosity() {
        List<Sample> steps = new ArrayList<>();
        Sample previous = null;
        for (Sample s : samples) {
            if (previous != null && Double.isFinite(s.lumiInvFb()) && s.lumiInvFb() != previous.lumiInvFb()) {
                steps.add(s);
            }
            previous = s;
        }
        if (steps.size() < 2) {
            return null;
        }
        Sample a = steps.get(0);
        Sample b = steps.get(steps.size() - 1);
        double perSecondInvFb = (b.lumiInvFb() - a.lumiInvFb()) / ((b.millis() - a.millis()) / 1e3);
        return perSecondInvFb * DataTakingConfig.CM2_PER_INV_FB;
    }

    private static Double rate(double delta, double seconds) {
        return seconds > 0 ? delta / seconds : null;
    }
}
