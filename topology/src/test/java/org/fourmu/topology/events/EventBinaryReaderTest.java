package org.fourmu.topology.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.fourmu.avro.EclPhoton;
import org.fourmu.avro.Event;
import org.fourmu.avro.GeneratorTruth;
import org.fourmu.avro.HelixTrack;
import org.fourmu.avro.RecordedTrigger;
import org.junit.jupiter.api.Test;

/** The hand-written Event reader against Avro's own reader: the same records from the same bytes, the same failures. */
class EventBinaryReaderTest {

    private static final DatumReader<Event> AVRO = new SpecificDatumReader<>(Event.getClassSchema(), Event.getClassSchema());

    @Test
    void followsTheEventSchemaItWasWrittenFor() {
        // fails when Event.avsc (or a record it contains) changes: update EventBinaryReader field by field, then the fingerprint
        assertEquals(EventBinaryReader.SCHEMA_FINGERPRINT, EventBinaryReader.fingerprint(Event.getClassSchema()));
        assertTrue(EventBinaryReader.readsExactly(Event.getClassSchema()));
    }

    @Test
    void leavesOtherVersionsOfTheSchemaToAvro() {
        Schema older = SchemaBuilder.record("Event").namespace("org.fourmu.avro").fields()
                .requiredInt("experiment").requiredInt("run").requiredLong("eventNumber").endRecord();
        assertFalse(EventBinaryReader.readsExactly(older));
    }

    @Test
    void readsWhatAvroReadsFromRandomEvents() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2000; i++) {
            Event event = randomEvent(random);
            // both array encodings: one block per array, and blocks with byte counts (negative item counts)
            for (boolean blocked : new boolean[] {false, true}) {
                byte[] bytes = encode(event, blocked);
                Event ours = read(new EventBinaryReader(), bytes);
                assertEquals(read(AVRO, bytes), ours);
                assertEquals(event, ours);
                assertEquals(event.hashCode(), ours.hashCode());
                for (HelixTrack t : ours.getTracks()) {
                    assertInstanceOf(PackedDoubles.class, t.getHelixCovariance());
                }
            }
        }
    }

    @Test
    void failsWhereAvroFailsOnTruncatedAndCorruptedBytes() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        int bothFailed = 0;
        for (int i = 0; i < 300; i++) {
            byte[] bytes = encode(randomEvent(random), false);
            byte[] damaged = random.nextBoolean() ? Arrays.copyOf(bytes, random.nextInt(bytes.length))
                    : flipByte(bytes, random);
            Object avro = outcome(AVRO, damaged);
            Object ours = outcome(new EventBinaryReader(), damaged);
            if (avro instanceof Event) {
                assertEquals(avro, ours);
            } else {
                assertInstanceOf(Exception.class, ours, "Avro failed with " + avro + ", ours read " + ours);
                bothFailed++;
            }
        }
        assertTrue(bothFailed > 100, "most damaged records fail: " + bothFailed);
    }

    private static byte[] flipByte(byte[] bytes, SplittableRandom random) {
        byte[] out = bytes.clone();
        out[random.nextInt(out.length)] ^= (byte) (1 + random.nextInt(255));
        return out;
    }

    /** The record read, or the exception (an Avro, I/O or index failure) reading it, including trailing bytes. */
    private static Object outcome(DatumReader<Event> reader, byte[] bytes) {
        try {
            var decoder = DecoderFactory.get().binaryDecoder(bytes, null);
            Event e = reader.read(null, decoder);
            return decoder.isEnd() ? e : new IOException("trailing bytes");
        } catch (IOException | RuntimeException e) {
            return e;
        }
    }

    private static Event read(DatumReader<Event> reader, byte[] bytes) throws IOException {
        return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }

    private static byte[] encode(Event e, boolean blocked) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = blocked ? EncoderFactory.get().blockingBinaryEncoder(out, null)
                : EncoderFactory.get().directBinaryEncoder(out, null);
        new SpecificDatumWriter<>(Event.class).write(e, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static Event randomEvent(SplittableRandom r) {
        List<HelixTrack> tracks = new ArrayList<>();
        for (int i = r.nextInt(8); i > 0; i--) {
            List<Double> cov = new ArrayList<>();
            for (int k = r.nextInt(3) == 0 ? r.nextInt(20) : 15; k > 0; k--) {
                cov.add(r.nextDouble(-1, 1));
            }
            tracks.add(HelixTrack.newBuilder().setPx(r.nextDouble(-5, 5)).setPy(r.nextDouble(-5, 5)).setPz(r.nextDouble(-5, 5))
                    .setCharge(r.nextBoolean() ? 1 : -1).setD0(r.nextDouble()).setPhi0(r.nextDouble()).setOmega(r.nextDouble())
                    .setZ0(r.nextDouble()).setTanLambda(r.nextDouble()).setHelixCovariance(cov)
                    .setKlmLayersReached(r.nextInt(15)).setKlmLayersExpected(r.nextInt(15)).setEclEnergy(r.nextDouble())
                    .setDedx(r.nextDouble()).setMuonId(r.nextBoolean() ? null : r.nextDouble())
                    .setElectronId(r.nextBoolean() ? null : r.nextDouble()).build());
        }
        List<EclPhoton> photons = new ArrayList<>();
        for (int i = r.nextInt(5); i > 0; i--) {
            photons.add(new EclPhoton(r.nextDouble(), r.nextDouble(), r.nextDouble()));
        }
        return Event.newBuilder().setExperiment(r.nextInt(40)).setRun(r.nextInt(5000)).setEventNumber(r.nextLong(1L << 40))
                .setTimeMillis(r.nextLong()).setTracks(tracks).setPhotons(photons)
                .setTrigger(r.nextBoolean() ? null : new RecordedTrigger(r.nextBoolean(), r.nextBoolean(), r.nextBoolean()))
                .setTruth(r.nextBoolean() ? null : new GeneratorTruth(r.nextBoolean() ? "mumumumu" : "mumugamma",
                        r.nextBoolean() ? null : r.nextDouble(0.2, 10), r.nextDouble()))
                .build();
    }
}
