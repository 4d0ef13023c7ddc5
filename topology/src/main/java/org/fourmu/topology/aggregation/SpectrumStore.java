package org.fourmu.topology.aggregation;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.fourmu.physics.candidates.MlpRange;
import org.fourmu.physics.spectrum.Histogram;

/**
 * Reduced-mass histograms kept bin by bin in a sorted key-value store, so that filling is O(1)
 * and reading one segment's histogram is a range scan over its non-empty bins. A key is
 * (view, label, segment, MLP range, bin), big-endian, so keys sort by that tuple. The label is 0
 * in the cumulative view, (experiment, run) in the per-run view and the time bucket in the window
 * view. Bins are those of {@link Histogram#reducedMass()}.
 */
public final class SpectrumStore {

    /** The views a candidate is counted in. */
    public enum View {
        /** Everything: the physics result. */
        CUMULATIVE,
        /** Per run: data quality. */
        RUN,
        /** Per bucket of record time: the recent window (monitoring). */
        WINDOW
    }

    /** Non-empty bins of one (label, MLP range) of a segment's histograms, in increasing bin order. */
    public record Bins(long label, int mlpRange, int[] bins, long[] counts) {
    }

    static final int KEY_BYTES = 1 + 8 + 4 + 1 + 4;
    /** MLP ranges are numbered 1-5; 0 is kept for a histogram over all ranges. */
    private static final int MAX_RANGE = MlpRange.values().length;
    private static final Histogram BINNING = Histogram.reducedMass();

    private final ReadOnlyKeyValueStore<Bytes, Long> reader;
    private final KeyValueStore<Bytes, Long> writer;

    public SpectrumStore(KeyValueStore<Bytes, Long> store) {
        this.reader = store;
        this.writer = store;
    }

    private SpectrumStore(ReadOnlyKeyValueStore<Bytes, Long> store) {
        this.reader = store;
        this.writer = null;
    }

    /** A view for interactive queries: reading only. */
    public static SpectrumStore readOnly(ReadOnlyKeyValueStore<Bytes, Long> store) {
        return new SpectrumStore(store);
    }

    /** The label of a run in the per-run view: experiment and run, as the two big-endian ints they were before the window existed. */
    public static long runLabel(int experiment, int run) {
        return ((long) experiment << 32) | (run & 0xFFFFFFFFL);
    }

    static Bytes key(View view, long label, int segment, int range, int bin) {
        ByteBuffer b = ByteBuffer.allocate(KEY_BYTES);
        b.put((byte) view.ordinal()).putLong(label).putInt(segment).put((byte) range).putInt(bin);
        return Bytes.wrap(b.array());
    }

    /** Count one candidate of reduced mass {@code reducedMassGeV} under a label; out-of-range masses are ignored. */
    public void fill(View view, long label, int segment, int range, double reducedMassGeV) {
        int bin = BINNING.binOf(reducedMassGeV);
        if (bin < 0 || bin >= BINNING.bins()) {
            return;
        }
        Bytes k = key(view, view == View.CUMULATIVE ? 0 : label, segment, range, bin);
        Long n = writer.get(k);
        writer.put(k, n == null ? 1L : n + 1);
    }

    /** The histogram of one segment and MLP range under one label of a view. */
    public Histogram histogram(View view, long label, int segment, int range) {
        Histogram h = Histogram.reducedMass();
        addTo(h, view, label, segment, range);
        return h;
    }

    /** The window view of one segment and MLP range: the sum of the buckets {@code first..last}. */
    public Histogram window(long firstBucket, long lastBucket, int segment, int range) {
        Histogram h = Histogram.reducedMass();
        for (long b = Math.max(0, firstBucket); b <= lastBucket; b++) {
            addTo(h, View.WINDOW, b, segment, range);
        }
        return h;
    }

    private void addTo(Histogram h, View view, long label, int segment, int range) {
        addTo(h, bins(view, label, label, segment, 0, h.bins()), range);
    }

    /** The histogram of one MLP range made of bins already read ({@link #bins}). */
    public static Histogram histogram(List<Bins> read, int range) {
        Histogram h = Histogram.reducedMass();
        addTo(h, read, range);
        return h;
    }

    private static void addTo(Histogram h, List<Bins> read, int range) {
        for (Bins bins : read) {
            if (bins.mlpRange() == range) {
                for (int i = 0; i < bins.bins().length; i++) {
                    h.fill(h.binCentre(bins.bins()[i]), bins.counts()[i]);
                }
            }
        }
    }

    /**
     * The non-empty bins {@code fromBin <= bin < toBin} of a segment, every MLP range, for the labels
     * {@code firstLabel..lastLabel} of a view (one label for cumulative and per-run).
     */
    public List<Bins> bins(View view, long firstLabel, long lastLabel, int segment, int fromBin, int toBin) {
        List<Bins> out = new ArrayList<>();
        long first = view == View.CUMULATIVE ? 0 : Math.max(0, firstLabel);
        long last = view == View.CUMULATIVE ? 0 : lastLabel;
        int from = Math.max(0, fromBin);
        int to = Math.min(BINNING.bins(), toBin);
        if (from >= to) {
            return out;
        }
        for (long label = first; label <= last; label++) {
            for (int range = 0; range <= MAX_RANGE; range++) {
                Bins b = readBins(view, label, segment, range, from, to);
                if (b.bins().length > 0) {
                    out.add(b);
                }
            }
        }
        return out;
    }

    private Bins readBins(View view, long label, int segment, int range, int from, int to) {
        List<long[]> found = new ArrayList<>();
        try (KeyValueIterator<Bytes, Long> it = reader.range(key(view, label, segment, range, from),
                key(view, label, segment, range, to - 1))) {
            while (it.hasNext()) {
                KeyValue<Bytes, Long> kv = it.next();
                found.add(new long[] {ByteBuffer.wrap(kv.key.get()).getInt(KEY_BYTES - 4), kv.value});
            }
        }
        int[] bins = new int[found.size()];
        long[] counts = new long[found.size()];
        for (int i = 0; i < bins.length; i++) {
            bins[i] = (int) found.get(i)[0];
            counts[i] = found.get(i)[1];
        }
        return new Bins(label, range, bins, counts);
    }

    /** Delete a segment's window buckets {@code first..last}. */
    public void dropBuckets(int segment, long firstBucket, long lastBucket) {
        for (long b = Math.max(0, firstBucket); b <= lastBucket; b++) {
            List<Bytes> keys = new ArrayList<>();
            try (KeyValueIterator<Bytes, Long> it = writer.range(key(View.WINDOW, b, segment, 0, 0),
                    key(View.WINDOW, b, segment, MAX_RANGE, Integer.MAX_VALUE))) {
                while (it.hasNext()) {
                    keys.add(it.next().key);
                }
            }
            for (Bytes k : keys) {
                writer.delete(k);
            }
        }
    }
}
