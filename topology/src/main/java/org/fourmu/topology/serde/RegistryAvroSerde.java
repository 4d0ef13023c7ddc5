package org.fourmu.topology.serde;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import java.util.function.BiFunction;
import org.fourmu.avro.DeadLetterReason;
import org.fourmu.avro.Event;
import org.fourmu.topology.events.EventBinaryReader;
import org.fourmu.topology.registry.SchemaRegistryClient;

/**
 * Serde for generated Avro records in the Confluent wire format: magic byte 0, the writer schema's
 * 4-byte big-endian registry id, then Avro binary. Subjects follow the topic-name strategy
 * ({@code <topic>-value} or {@code <topic>-key}); the reader schema is the generated class's.
 */
public final class RegistryAvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_BYTES = 5;

    private final Class<T> type;
    private final Schema readerSchema;
    private final SchemaRegistryClient registry;
    private final boolean autoRegister;
    private final boolean isKey;
    private final SpecificDatumWriter<T> writer;
    /** The reader of records written with a given schema as this serde's type (writer schema, reader schema). */
    private final BiFunction<Schema, Schema, DatumReader<T>> readers;
    private final Map<Integer, DatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
    /** Each thread's decoder, pointed at the next record's bytes instead of a new decoder per record. */
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();
    /**
     * The registry id of this serde's one schema per topic, once registered or looked up: the registry client's
     * own cache is keyed by the schema's JSON text, which it would print for every record.
     */
    private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();

    public RegistryAvroSerde(Class<T> type, SchemaRegistryClient registry, boolean autoRegister, boolean isKey) {
        this(type, registry, autoRegister, isKey, SpecificDatumReader::new);
    }

    private RegistryAvroSerde(Class<T> type, SchemaRegistryClient registry, boolean autoRegister, boolean isKey,
                              BiFunction<Schema, Schema, DatumReader<T>> readers) {
        this.type = type;
        this.readers = readers;
        this.readerSchema = SpecificData.get().getSchema(type);
        this.registry = registry;
        this.autoRegister = autoRegister;
        this.isKey = isKey;
        this.writer = new SpecificDatumWriter<>(readerSchema);
    }

    /** A value serde that registers its schema on first use. */
    public static <T extends SpecificRecord> RegistryAvroSerde<T> forValues(Class<T> type, SchemaRegistryClient registry) {
        return new RegistryAvroSerde<>(type, registry, true, false);
    }

    /**
     * The value serde of events: records written with the Event class's own schema are read by
     * {@link EventBinaryReader} (covariances unboxed), any other version of the schema by Avro's resolving reader.
     */
    public static RegistryAvroSerde<Event> forEvents(SchemaRegistryClient registry) {
        return new RegistryAvroSerde<>(Event.class, registry, true, false,
                (writer, reader) -> EventBinaryReader.readsExactly(writer) ? new EventBinaryReader()
                        : new SpecificDatumReader<>(writer, reader));
    }

    private String subject(String topic) {
        return topic + (isKey ? "-key" : "-value");
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Integer id = idsByTopic.get(topic);
        if (id == null) {
            String subject = subject(topic);
            id = autoRegister ? registry.register(subject, readerSchema) : registry.lookup(subject, readerSchema);
            idsByTopic.put(topic, id);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode " + type.getSimpleName() + " for " + topic + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < HEADER_BYTES) {
            throw new RecordDecodingException(DeadLetterReason.TRUNCATED,
                    "record of " + data.length + " bytes is shorter than the 5-byte wire-format header", null);
        }
        if (data[0] != MAGIC_BYTE) {
            throw new RecordDecodingException(DeadLetterReason.BAD_MAGIC_BYTE,
                    "first byte is " + data[0] + ", not the wire format's magic byte 0", null);
        }
        int id = ByteBuffer.wrap(data, 1, 4).getInt();
        DatumReader<T> reader = readerFor(id);
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, HEADER_BYTES, data.length - HEADER_BYTES,
                    decoders.get());
            decoders.set(decoder);
            T record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new RecordDecodingException(DeadLetterReason.CORRUPT_AVRO,
                        "trailing bytes after the " + type.getSimpleName() + " record (schema id " + id + ")", null);
            }
            return record;
        } catch (EOFException e) {
            throw new RecordDecodingException(DeadLetterReason.TRUNCATED,
                    "Avro data ends early for schema id " + id, e);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException
                 | ClassCastException | UnsupportedOperationException e) {
            throw new RecordDecodingException(DeadLetterReason.CORRUPT_AVRO,
                    "corrupt Avro data for schema id " + id + ": " + e, e);
        }
    }

    private DatumReader<T> readerFor(int id) {
        DatumReader<T> cached = readersByWriterId.get(id);
        if (cached != null) {
            return cached;
        }
        Schema writerSchema;
        try {
            writerSchema = registry.schemaById(id);
        } catch (SchemaRegistryClient.RegistryException e) {
            if (e.errorCode() == 40403 || e.status() == 404) {
                throw new RecordDecodingException(DeadLetterReason.UNKNOWN_SCHEMA_ID,
                        "schema id " + id + " is not in the registry", e);
            }
            throw e;
        }
        var compatibility = SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new RecordDecodingException(DeadLetterReason.INCOMPATIBLE_SCHEMA,
                    "writer schema " + id + " (" + writerSchema.getFullName() + ") cannot be read as "
                            + readerSchema.getFullName() + ": " + compatibility.getDescription(), null);
        }
        DatumReader<T> reader = readers.apply(writerSchema, readerSchema);
        readersByWriterId.put(id, reader);
        return reader;
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean key) {
    }

    @Override
    public void close() {
    }
}
