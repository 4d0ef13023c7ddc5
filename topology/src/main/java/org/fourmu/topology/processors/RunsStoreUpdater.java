package org.fourmu.topology.processors;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.fourmu.avro.DeadLetterReason;
import org.fourmu.avro.RunInfo;
import org.fourmu.topology.metrics.SearchMetrics;
import org.fourmu.topology.serde.RecordDecodingException;

/**
 * Keeps the global store of runs from the compacted {@code fourmu.runs} topic: every instance
 * sees every run's beam conditions and luminosity. An undecodable run record is counted and skipped.
 */
public final class RunsStoreUpdater implements Processor<byte[], byte[], Void, Void> {

    private final String storeName;
    private final Deserializer<RunInfo> deserializer;
    private final SearchMetrics metrics;
    private final RunsStoreVersion version;
    private KeyValueStore<String, RunInfo> store;

    /** @param version advanced after every write, for the readers that keep decoded runs */
    public RunsStoreUpdater(String storeName, Deserializer<RunInfo> deserializer, SearchMetrics metrics, RunsStoreVersion version) {
        this.storeName = storeName;
        this.deserializer = deserializer;
        this.metrics = metrics;
        this.version = version;
    }

    /** The store key of a run, as the run records are keyed: "experiment/run". */
    public static String key(int experiment, int run) {
        return experiment + "/" + run;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        try {
            RunInfo info = deserializer.deserialize("fourmu.runs", record.value());
            if (info != null) {
                store.put(key(info.getExperiment(), info.getRun()), info);
                version.advance();
            }
        } catch (RecordDecodingException e) {
            metrics.deadLetter(e.reason());
        } catch (RuntimeException e) {
            metrics.deadLetter(DeadLetterReason.OTHER);
        }
    }
}
