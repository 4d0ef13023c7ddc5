package org.fourmu.physics.selection;

import java.util.EnumMap;
import java.util.Map;

/**
 * Pass/fail counts of every stage, weighted and unweighted; mergeable, so partial cut-flows from
 * threads, partitions or files add up.
 */
public final class CutFlow {

    private final long[] passed = new long[Stage.values().length];
    private final long[] failed = new long[Stage.values().length];
    private final double[] passedWeight = new double[Stage.values().length];

    public synchronized void record(Stage stage, boolean pass, double weight) {
        if (pass) {
            passed[stage.ordinal()]++;
            passedWeight[stage.ordinal()] += weight;
        } else {
            failed[stage.ordinal()]++;
        }
    }

    /** Count an event that went through the chain: every stage before the failing one passed. */
    public synchronized void record(EventSelection.Outcome outcome) {
        for (Stage s : Stage.values()) {
            if (outcome.failedAt() == s) {
                record(s, false, outcome.weight());
                return;
            }
            record(s, true, outcome.weight());
        }
    }

    public synchronized long passed(Stage stage) {
        return passed[stage.ordinal()];
    }

    public synchronized long failed(Stage stage) {
        return failed[stage.ordinal()];
    }

    public synchronized double passedWeight(Stage stage) {
        return passedWeight[stage.ordinal()];
    }

    public synchronized void add(CutFlow other) {
        for (int i = 0; i < passed.length; i++) {
            passed[i] += other.passed[i];
            failed[i] += other.failed[i];
            passedWeight[i] += other.passedWeight[i];
        }
    }

    public synchronized Map<Stage, long[]> asMap() {
        Map<Stage, long[]> out = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            out.put(s, new long[] {passed[s.ordinal()], failed[s.ordinal()]});
        }
        return out;
    }
}
