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
 * one to the dead-letter sink with its reason and original bytes. Never throws on bad input.
 */
public final class DecodeEventProcessor implements Processor<byte[], byte[], Object, Object> {

    private final Deserializer<Event> deserializer;
    private final SearchMetrics metrics;
    private final String eventsChild;
    private final String deadLetterChild;
    private ProcessorContext<Object, Object> context;

    public DecodeEventProcessor(Deserializer<Event> deserializer, SearchMetrics metrics, String eventsChild,
                                String deadLetterChild) {
        this.deserializer = deserializer;
        this.metrics = metrics;
        this.eventsChild = eventsChild;
        this.deadLetterChild = deadLetterChild;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
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
