package org.fourmu.topology.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.candidates.MlpRange;
import org.fourmu.physics.spectrum.Histogram;
import org.fourmu.topology.processors.MassSegments;
import org.junit.jupiter.api.Test;

class SpectrumWindowTest {

    private static final long HOUR = 3_600_000L;
    private static final long T0 = 1_700_000_000_000L;
    private static final SpectrumWindow WINDOW = SpectrumWindow.DEFAULT;

    @Test
    void rejectsAWindowThatIsNotWholeBuckets() {
        assertThrows(IllegalArgumentException.class, () -> new SpectrumWindow(Duration.ofMinutes(7), Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new SpectrumWindow(Duration.ofHours(2), Duration.ofHours(1)));
        assertEquals(12, WINDOW.buckets());
    }

    @Test
    void windowHoldsTheLastHourOfRecordTimeAndCumulativeHoldsEverything() {
        int segment = MassSegments.DEFAULT.of(5.0);
        try (TopologyFeed feed = new TopologyFeed(WINDOW)) {
            feed.send(List.of(new TopologyFeed.Entry(5.0, T0, 1), new TopologyFeed.Entry(5.01, T0 + HOUR / 2, 1),
                    new TopologyFeed.Entry(5.02, T0 + 70 * 60_000L, 2)));
            // 70 minutes after T0 the T0 bucket has left the window; a late candidate at T0 + 1 min does not enter it
            feed.send(List.of(new TopologyFeed.Entry(5.03, T0 + 60_000L, 2)));
            assertEquals(T0 + 70 * 60_000L, feed.segment(segment).clockMillis());
            long last = WINDOW.bucketOf(T0 + 70 * 60_000L);
            int range = MlpRange.of(5.0).number();
            Histogram window = feed.spectra().window(last - WINDOW.buckets() + 1, last, segment, range);
            assertEquals(2, window.entries());
            assertEquals(1, window.count(window.binOf(CandidateBuilder.reducedMass(5.01))));
            assertEquals(1, window.count(window.binOf(CandidateBuilder.reducedMass(5.02))));
            assertEquals(4, feed.spectra().histogram(SpectrumStore.View.CUMULATIVE, 0, segment, range).entries());
            assertEquals(2, feed.spectra().histogram(SpectrumStore.View.RUN, SpectrumStore.runLabel(26, 2), segment, range)
                    .entries());
            assertTrue(windowBuckets(feed).stream().allMatch(b -> b > last - WINDOW.buckets()),
                    "buckets out of the window are deleted: " + windowBuckets(feed));
        }
    }

    @Test
    void windowIsTheSameWhateverTheArrivalOrder() {
        Random random = new Random(11);
        List<TopologyFeed.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            entries.add(new TopologyFeed.Entry(0.3 + 8.5 * random.nextDouble(), T0 + (long) (3 * HOUR * random.nextDouble()), 1));
        }
        List<TopologyFeed.Entry> shuffled = new ArrayList<>(entries);
        Collections.shuffle(shuffled, new Random(3));
        List<List<String>> keysAndCounts = new ArrayList<>();
        for (List<TopologyFeed.Entry> order : List.of(entries, shuffled)) {
            try (TopologyFeed feed = new TopologyFeed(WINDOW)) {
                feed.send(order);
                List<String> dump = new ArrayList<>();
                try (KeyValueIterator<Bytes, Long> it = feed.rawSpectra().all()) {
                    while (it.hasNext()) {
                        KeyValue<Bytes, Long> kv = it.next();
                        dump.add(kv.key + "=" + kv.value);
                    }
                }
                keysAndCounts.add(dump);
                // independently of the store: every candidate of a segment whose bucket is within the window of that
                // segment's latest time, and only those
                for (int segment = 0; segment < MassSegments.DEFAULT.count(); segment++) {
                    long clock = Long.MIN_VALUE;
                    for (TopologyFeed.Entry e : entries) {
                        if (MassSegments.DEFAULT.segmentsNeeding(e.massGeV()).contains(segment)) {
                            clock = Math.max(clock, e.timeMillis());
                        }
                    }
                    if (clock == Long.MIN_VALUE) {
                        continue;
                    }
                    assertEquals(clock, feed.segment(segment).clockMillis());
                    for (MlpRange r : MlpRange.values()) {
                        Histogram expected = Histogram.reducedMass();
                        for (TopologyFeed.Entry e : entries) {
                            if (MassSegments.DEFAULT.segmentsNeeding(e.massGeV()).contains(segment)
                                    && MlpRange.of(e.massGeV()) == r
                                    && e.timeMillis() / WINDOW.bucketMillis() > clock / WINDOW.bucketMillis() - WINDOW.buckets()) {
                                expected.fill(CandidateBuilder.reducedMass(e.massGeV()));
                            }
                        }
                        long last = WINDOW.bucketOf(clock);
                        Histogram window = feed.spectra().window(last - WINDOW.buckets() + 1, last, segment, r.number());
                        assertEquals(expected, window, "segment " + segment + " range " + r);
                    }
                }
            }
        }
        assertEquals(keysAndCounts.get(0), keysAndCounts.get(1), "the store does not depend on the arrival order");
    }

    private static TreeSet<Long> windowBuckets(TopologyFeed feed) {
        TreeSet<Long> buckets = new TreeSet<>();
        try (KeyValueIterator<Bytes, Long> it = feed.rawSpectra().all()) {
            while (it.hasNext()) {
                ByteBuffer key = ByteBuffer.wrap(it.next().key.get());
                if (key.get(0) == SpectrumStore.View.WINDOW.ordinal()) {
                    buckets.add(key.getLong(1));
                }
            }
        }
        return buckets;
    }
}
