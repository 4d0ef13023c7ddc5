package org.fourmu.topology.processors;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.fourmu.physics.event.RecordedEvent;

/**
 * Counts accepted events per run ("experiment/run") in a state store, for data-quality views.
 */
public final class RunEventCounter implements Processor<Object, RecordedEvent, Object, RecordedEvent> {

    private final String storeName;
    private KeyValueStore<String, Long> store;
    private ProcessorContext<Object, RecordedEvent> context;

    public RunEventCounter(String storeName) {
        this.storeName = storeName;
    }

    /** The store key of a run. */
    public static String runKey(int experiment, int run) {
        return experiment + "/" + run;
    }

    @Override
    public void init(ProcessorContext<Object, RecordedEvent> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<Object, RecordedEvent> record) {
        String key = runKey(record.value().experiment(), record.value().run());
        Long n = store.get(key);
        store.put(key, n == null ? 1L : n + 1);
        context.forward(record);
    }
}
