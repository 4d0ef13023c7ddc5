package org.fourmu.topology.aggregation;

import java.util.Arrays;
import org.apache.kafka.streams.state.KeyValueStore;
import org.fourmu.physics.selection.EventSelection;
import org.fourmu.physics.selection.Stage;

/**
 * The cut-flow per run in a state store (exactly once, unlike the metrics): for each run keyed
 * "experiment/run", the events that failed at each stage of the per-event chain, those that
 * passed them all, their candidates, and the events the chain failed on (an exception: dead-lettered).
 * Stored as a long[] ({@link LongArraySerde}); arrays stored before the last count was added read it as 0.
 * Every event accepted by the decode step is counted here once ({@link Counts#accepted()}): the one store
 * update per event for the run's counts.
 */
public final class CutFlowStore {

    private static final int STAGES = Stage.values().length;

    /** Slots of the stored array after the stages: passed, candidates, chain failures. */
    private static final int LENGTH = STAGES + 3;

    /** The key of a run in this store and the other per-run views. */
    public static String runKey(int experiment, int run) {
        return experiment + "/" + run;
    }

    /**
     * The cut-flow of some events: failures by stage, events passing every stage, their candidates, and the
     * events on which the chain itself failed (dead-lettered, in no stage).
     */
    public record Counts(long[] failedAt, long passed, long candidates, long chainFailures) {

        public Counts {
            failedAt = Arrays.copyOf(failedAt, STAGES);
        }

        public static final Counts NONE = new Counts(new long[STAGES], 0, 0, 0);

        /** The counts stored as {@code v}; none for null. */
        public static Counts of(long[] v) {
            return v == null ? NONE : new Counts(Arrays.copyOf(v, STAGES), v[STAGES], v[STAGES + 1],
                    v.length > STAGES + 2 ? v[STAGES + 2] : 0);
        }

        public long[] toArray() {
            long[] v = Arrays.copyOf(failedAt, LENGTH);
            v[STAGES] = passed;
            v[STAGES + 1] = candidates;
            v[STAGES + 2] = chainFailures;
            return v;
        }

        /** Events that went through the chain (failed at a stage or passed them all). */
        public long events() {
            return Arrays.stream(failedAt).sum() + passed;
        }

        /** Events accepted by the decode step (valid, not duplicates): those through the chain and those it failed on. */
        public long accepted() {
            return events() + chainFailures;
        }

        /** Events that passed {@code stage} (and every stage before it). */
        public long passed(Stage stage) {
            long out = events();
            for (int i = 0; i <= stage.ordinal(); i++) {
                out -= failedAt[i];
            }
            return out;
        }

        public long failed(Stage stage) {
            return failedAt[stage.ordinal()];
        }

        public Counts plus(Counts o) {
            long[] f = new long[STAGES];
            for (int i = 0; i < STAGES; i++) {
                f[i] = failedAt[i] + o.failedAt[i];
            }
            return new Counts(f, passed + o.passed, candidates + o.candidates, chainFailures + o.chainFailures);
        }

    }

    private final KeyValueStore<String, long[]> store;
    /**
     * The counts of the last run counted, as last written to the store: the events of a run come one after another,
     * so most need no store read. Valid because this object is the store's only writer and is made anew in the
     * processor's init(), which Kafka Streams calls again after every restore or dirty close of the task. The store
     * keeps its own copy (the serde writes the array's bytes), so counting in this array changes nothing stored
     * until it is put.
     */
    private int lastExperiment;
    private int lastRun;
    private String lastKey;
    private long[] lastCounts;

    /** @param store the task's store, written only through this object (see {@link #lastCounts}) */
    public CutFlowStore(KeyValueStore<String, long[]> store) {
        this.store = store;
    }

    /** Count one event of a run (this runs for every event). */
    public void count(int experiment, int run, EventSelection.Outcome outcome) {
        long[] v = counts(experiment, run);
        if (outcome.failedAt() != null) {
            v[outcome.failedAt().ordinal()]++;
        } else {
            v[STAGES]++;
            v[STAGES + 1] += outcome.candidates().size();
        }
        store.put(lastKey, v);
    }

    /** Count one event of a run on which the chain failed (it goes to the dead-letter topic). */
    public void countChainFailure(int experiment, int run) {
        long[] v = counts(experiment, run);
        v[STAGES + 2]++;
        store.put(lastKey, v);
    }

    /** The counts of a run, at the current length (older, shorter arrays extended with zeros); the run becomes the last. */
    private long[] counts(int experiment, int run) {
        if (lastCounts == null || run != lastRun || experiment != lastExperiment) {
            lastKey = runKey(experiment, run);
            long[] v = store.get(lastKey);
            lastCounts = v == null ? new long[LENGTH] : Arrays.copyOf(v, LENGTH);
            lastExperiment = experiment;
            lastRun = run;
        }
        return lastCounts;
    }
}
