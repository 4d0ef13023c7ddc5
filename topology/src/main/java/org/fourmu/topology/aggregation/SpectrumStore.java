package org.fourmu.topology.aggregation;

import java.nio.ByteBuffer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.fourmu.physics.spectrum.Histogram;

/**
 * Reduced-mass histograms kept bin by bin in a sorted key-value store, so that filling is O(1)
 * and reading one segment's histogram is a range scan over its non-empty bins. A key is
 * (view, experiment, run, segment, MLP range, bin), big-endian, so keys sort by that tuple; the
 * cumulative view has experiment = run = 0. Bins are those of {@link Histogram#reducedMass()}.
 */
public final class SpectrumStore {

    /** The views a candidate is counted in. */
    public enum View {
        /** Everything: the physics result. */
        CUMULATIVE,
        /** Per run: data quality. */
        RUN
    }

    static final int KEY_BYTES = 1 + 4 + 4 + 4 + 1 + 4;

    private final KeyValueStore<Bytes, Long> store;
    private final Histogram binning = Histogram.reducedMass();

    public SpectrumStore(KeyValueStore<Bytes, Long> store) {
        this.store = store;
    }

    static Bytes key(View view, int experiment, int run, int segment, int range, int bin) {
        ByteBuffer b = ByteBuffer.allocate(KEY_BYTES);
        b.put((byte) view.ordinal()).putInt(experiment).putInt(run).putInt(segment).put((byte) range).putInt(bin);
        return Bytes.wrap(b.array());
    }

    /** Count one candidate of reduced mass {@code reducedMassGeV}; out-of-range masses are ignored. */
    public void fill(View view, int experiment, int run, int segment, int range, double reducedMassGeV) {
        int bin = binning.binOf(reducedMassGeV);
        if (bin < 0 || bin >= binning.bins()) {
            return;
        }
        Bytes k = view == View.CUMULATIVE ? key(view, 0, 0, segment, range, bin) : key(view, experiment, run, segment, range, bin);
        Long n = store.get(k);
        store.put(k, n == null ? 1L : n + 1);
    }

    /** The histogram of one segment and MLP range in a view. */
    public Histogram histogram(View view, int experiment, int run, int segment, int range) {
        Histogram h = Histogram.reducedMass();
        int e = view == View.CUMULATIVE ? 0 : experiment;
        int r = view == View.CUMULATIVE ? 0 : run;
        try (KeyValueIterator<Bytes, Long> it = store.range(key(view, e, r, segment, range, 0),
                key(view, e, r, segment, range, h.bins() - 1))) {
            while (it.hasNext()) {
                KeyValue<Bytes, Long> kv = it.next();
                int bin = ByteBuffer.wrap(kv.key.get()).getInt(KEY_BYTES - 4);
                h.fill(h.binCentre(bin), kv.value);
            }
        }
        return h;
    }
}
