package org.fourmu.topology.aggregation;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.fourmu.avro.RunInfo;
import org.fourmu.avro.RunState;

/**
 * Totals over the runs on fourmu.runs: integrated luminosity [fb^-1], events recorded, and runs ended.
 *
 * @param lumiInvFb integrated luminosity of all runs, summed in the store's key order
 * @param events    events recorded in all runs
 * @param ended     runs in state ENDED
 */
public record RunTotals(double lumiInvFb, long events, long ended) {

    /** One pass over the runs store, each RunInfo decoded as it is read: read it once per punctuation. */
    public static RunTotals of(ReadOnlyKeyValueStore<String, RunInfo> runs) {
        double lumi = 0;
        long events = 0;
        long ended = 0;
        try (KeyValueIterator<String, RunInfo> it = runs.all()) {
            while (it.hasNext()) {
                RunInfo r = it.next().value;
                lumi += r.getIntegratedLuminosity();
                events += r.getEvents();
                ended += r.getState() == RunState.ENDED ? 1 : 0;
            }
        }
        return new RunTotals(lumi, events, ended);
    }
}
