package org.fourmu.topology.processors;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.fourmu.avro.DeadLetter;
import org.fourmu.avro.DeadLetterReason;
import org.fourmu.avro.Event;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.topology.events.EventMapper;
import org.fourmu.topology.events.EventValidation;
import org.fourmu.topology.metrics.SearchMetrics;
import org.fourmu.topology.serde.RecordDecodingException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes and validates raw event records: a good one goes on as a {@link RecordedEvent}, a bad
 * one to the dead-letter sink with its reason and original bytes. Never throws on bad input. A second copy
 * of an accepted event is a bad record too (DUPLICATE_EVENT): the producers key events
 * "experiment/run/event", so every copy of an event reaches the same partition, hence the same task and
 * its {@link SeenEventNumbers}, whatever the partition count.
 */
public final class DecodeEventProcessor implements Processor<byte[], byte[], Object, Object> {

    private final Deserializer<Event> deserializer;
    private final SearchMetrics metrics;
    private final String eventsChild;
    private final String deadLetterChild;
    private final String seenEventsStore;
    private ProcessorContext<Object, Object> context;
    private SeenEventNumbers seen;

    /**
     * @param seenEventsStore the {@link SeenEventNumbers} store: an event whose (experiment, run, event number)
     *                        this task has accepted before is a duplicate
     */
    public DecodeEventProcessor(Deserializer<Event> deserializer, SearchMetrics metrics, String eventsChild,
                                String deadLetterChild, String seenEventsStore) {
        this.deserializer = deserializer;
        this.metrics = metrics;
        this.eventsChild = eventsChild;
        this.deadLetterChild = deadLetterChild;
        this.seenEventsStore = seenEventsStore;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.seen = new SeenEventNumbers(context.getStateStore(seenEventsStore));
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.eventIn();
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        Event event;
        try {
            event = deserializer.deserialize(topic, record.value());
        } catch (RecordDecodingException e) {
            deadLetter(record, e.reason(), e.getMessage());
            return;
        }
        if (event == null) {
            deadLetter(record, DeadLetterReason.INVALID_VALUE, "null value (tombstone) on the events topic");
            return;
        }
        Optional<EventValidation.Problem> problem = EventValidation.problem(event);
        if (problem.isPresent()) {
            deadLetter(record, problem.get().reason(), problem.get().message());
            return;
        }
        if (!seen.markFirstSeen(event.getExperiment(), event.getRun(), event.getEventNumber())) {
            deadLetter(record, DeadLetterReason.DUPLICATE_EVENT, "event " + event.getExperiment() + "/" + event.getRun() + "/"
                    + event.getEventNumber() + " was accepted before: it does not fill the spectra twice");
            return;
        }
        RecordedEvent physics = EventMapper.toPhysics(event);
        context.forward(new Record<>(record.key(), physics, record.timestamp()), eventsChild);
    }

    private void deadLetter(Record<byte[], byte[]> record, DeadLetterReason reason, String message) {
        metrics.deadLetter(reason);
        Optional<RecordMetadata> meta = context.recordMetadata();
        DeadLetter letter = DeadLetter.newBuilder()
                .setSourceTopic(meta.map(RecordMetadata::topic).orElse(""))
                .setPartition(meta.map(RecordMetadata::partition).orElse(-1))
                .setOffset(meta.map(RecordMetadata::offset).orElse(-1L))
                .setReason(reason)
                .setMessage(message == null ? reason.name() : message)
                .setOriginalKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
                .setOriginalValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
                .setTimestampMillis(record.timestamp())
                .build();
        context.forward(new Record<>(record.key(), letter, record.timestamp()), deadLetterChild);
    }
}
