package org.fourmu.topology.aggregation;

import java.util.Arrays;
import org.apache.kafka.streams.state.KeyValueStore;
import org.fourmu.physics.selection.EventSelection;
import org.fourmu.physics.selection.Stage;
import org.fourmu.topology.processors.RunEventCounter;

/**
 * The cut-flow per run in a state store (exactly once, unlike the metrics): for each run keyed
 * "experiment/run", the events that failed at each stage of the per-event chain, those that
 * passed them all, and their candidates. Stored as a long[] ({@link LongArraySerde}).
 */
public final class CutFlowStore {

    private static final int STAGES = Stage.values().length;

    /** The cut-flow of some events: failures by stage, events passing every stage, their candidates. */
    public record Counts(long[] failedAt, long passed, long candidates) {

        public Counts {
            failedAt = Arrays.copyOf(failedAt, STAGES);
        }

        public static final Counts NONE = new Counts(new long[STAGES], 0, 0);

        /** The counts stored as {@code v}; none for null. */
        public static Counts of(long[] v) {
            return v == null ? NONE : new Counts(Arrays.copyOf(v, STAGES), v[STAGES], v[STAGES + 1]);
        }

        public long[] toArray() {
            long[] v = Arrays.copyOf(failedAt, STAGES + 2);
            v[STAGES] = passed;
            v[STAGES + 1] = candidates;
            return v;
        }

        /** Events that entered the chain. */
        public long events() {
            return Arrays.stream(failedAt).sum() + passed;
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
            return new Counts(f, passed + o.passed, candidates + o.candidates);
        }

    }

    private final KeyValueStore<String, long[]> store;

    public CutFlowStore(KeyValueStore<String, long[]> store) {
        this.store = store;
    }

    /** Count one event of a run (in place: this runs for every event). */
    public void count(int experiment, int run, EventSelection.Outcome outcome) {
        String key = RunEventCounter.runKey(experiment, run);
        long[] v = store.get(key);
        if (v == null) {
            v = new long[STAGES + 2];
        }
        if (outcome.failedAt() != null) {
            v[outcome.failedAt().ordinal()]++;
        } else {
            v[STAGES]++;
            v[STAGES + 1] += outcome.candidates().size();
        }
        store.put(key, v);
    }
}
