package org.fourmu.topology.aggregation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.fourmu.physics.fit.JpsiPeakFit;
import org.fourmu.physics.spectrum.Histogram;

/**
 * A stream task's per-run histograms of muon-pair masses in {@link JpsiPeakFit}'s window, in a state store keyed
 * "experiment/run" (exactly once, like the cut flow), and the runs changed since they were last published as
 * {@link JpsiPartial}s. Only events with a pair in the window write the store; most events have none.
 */
public final class JpsiHistogramStore {

    /** The monitor's binning, for bin numbers only. */
    private static final Histogram BINNING = JpsiPeakFit.histogram();

    private final KeyValueStore<String, long[]> store;
    private final KeyValueStore<String, long[]> cutFlow;
    /** Runs whose histogram or cut-flow candidates changed since the last publication (insertion order). */
    private final Set<String> changed = new LinkedHashSet<>();
    /** The last run filled and its counts as last written (this object is the store's only writer; see CutFlowStore). */
    private String lastKey;
    private long[] lastCounts;
    /** The key of the last run whose candidates changed (events of a run come one after another). */
    private int lastExperiment;
    private int lastRun;
    private String lastCandidatesKey;

    /**
     * @param store   the task's store, written only through this object, which is made anew in the processor's init():
     *                every run in it, and every run with candidates in the cut flow, is then published once more (a
     *                publication lost with the task's memory is repeated; the fitter ignores a partial it already has)
     * @param cutFlow the task's cut-flow store ({@link CutFlowStore}), read for the candidates
     */
    public JpsiHistogramStore(KeyValueStore<String, long[]> store, KeyValueStore<String, long[]> cutFlow) {
        this.store = store;
        this.cutFlow = cutFlow;
        try (KeyValueIterator<String, long[]> it = cutFlow.all()) {
            while (it.hasNext()) {
                KeyValue<String, long[]> kv = it.next();
                if (CutFlowStore.Counts.of(kv.value).candidates() > 0) {
                    changed.add(kv.key);
                }
            }
        }
        try (KeyValueIterator<String, long[]> it = store.all()) {
            while (it.hasNext()) {
                changed.add(it.next().key);
            }
        }
    }

    /** Pair masses of one triggered event of a run; masses outside the window are ignored. */
    public void fill(int experiment, int run, double[] pairMassesGeV) {
        long[] counts = null;
        for (double m : pairMassesGeV) {
            int b = BINNING.binOf(m);
            if (b >= 0 && b < JpsiPeakFit.BINS) {
                if (counts == null) {
                    counts = counts(CutFlowStore.runKey(experiment, run));
                }
                counts[b]++;
            }
        }
        if (counts != null) {
            store.put(lastKey, counts);
            changed.add(lastKey);
        }
    }

    /** The run's cut-flow candidates changed: publish it with the next changed histograms. */
    public void candidatesChanged(int experiment, int run) {
        if (lastCandidatesKey == null || experiment != lastExperiment || run != lastRun) {
            lastCandidatesKey = CutFlowStore.runKey(experiment, run);
            lastExperiment = experiment;
            lastRun = run;
        }
        changed.add(lastCandidatesKey);
    }

    private long[] counts(String key) {
        if (!key.equals(lastKey)) {
            long[] v = store.get(key);
            lastCounts = v == null ? new long[JpsiPeakFit.BINS] : v;
            lastKey = key;
        }
        return lastCounts;
    }

    /** The task's partials of the changed runs, now (candidates from the cut-flow store); the changed set is cleared. */
    public List<JpsiPartial> takeChanged(int partition) {
        List<JpsiPartial> out = new ArrayList<>(changed.size());
        for (String key : changed) {
            long[] counts = store.get(key);
            int slash = key.indexOf('/');
            out.add(new JpsiPartial(Integer.parseInt(key.substring(0, slash)), Integer.parseInt(key.substring(slash + 1)),
                    partition, CutFlowStore.Counts.of(cutFlow.get(key)).candidates(),
                    counts == null ? new long[JpsiPeakFit.BINS] : counts.clone()));
        }
        changed.clear();
        return out;
    }
}
