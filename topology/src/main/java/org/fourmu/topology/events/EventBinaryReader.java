package org.fourmu.topology.events;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.Decoder;
import org.fourmu.avro.EclPhoton;
import org.fourmu.avro.Event;
import org.fourmu.avro.GeneratorTruth;
import org.fourmu.avro.HelixTrack;
import org.fourmu.avro.RecordedTrigger;

/**
 * Reads an {@link Event} written with the generated class's own schema, field by field in schema order, into the
 * generated classes, with each track's helix covariance as {@link PackedDoubles}: Avro's generic reader boxes every
 * double of those arrays (15 per track), the largest cost of decoding an event. The result equals what Avro's
 * {@code SpecificDatumReader} reads from the same bytes. Records written with any other schema (an older or newer
 * version of Event) go through Avro's resolving reader: {@link #readsExactly(Schema)} decides.
 */
public final class EventBinaryReader implements DatumReader<Event> {

    /**
     * Parsing Canonical Form fingerprint of the Event schema (and the records it contains) this reader follows; a
     * changed Event.avsc changes it, and the reader steps aside until it is updated (EventBinaryReaderTest fails).
     */
    static final long SCHEMA_FINGERPRINT = 6655246695118594447L;

    /** True when records written with {@code writer} can be read by this reader: the schema it was written for. */
    public static boolean readsExactly(Schema writer) {
        return writer.equals(Event.getClassSchema()) && fingerprint(writer) == SCHEMA_FINGERPRINT;
    }

    static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    @Override
    public void setSchema(Schema schema) {
        if (!readsExactly(schema)) {
            throw new IllegalArgumentException("EventBinaryReader reads only the Event schema it was written for");
        }
    }

    @Override
    public Event read(Event reuse, Decoder in) throws IOException {
        Event e = new Event();
        e.setExperiment(in.readInt());
        e.setRun(in.readInt());
        e.setEventNumber(in.readLong());
        e.setTimeMillis(in.readLong());
        List<HelixTrack> tracks = new ArrayList<>();
        for (long n = in.readArrayStart(); n > 0; n = in.arrayNext()) {
            for (long i = 0; i < n; i++) {
                tracks.add(track(in));
            }
        }
        e.setTracks(tracks);
        List<EclPhoton> photons = new ArrayList<>();
        for (long n = in.readArrayStart(); n > 0; n = in.arrayNext()) {
            for (long i = 0; i < n; i++) {
                photons.add(new EclPhoton(in.readDouble(), in.readDouble(), in.readDouble()));
            }
        }
        e.setPhotons(photons);
        if (present(in)) {
            RecordedTrigger t = new RecordedTrigger();
            t.setThreeTrack(in.readBoolean());
            t.setSingleMuon(in.readBoolean());
            t.setEclReference(in.readBoolean());
            e.setTrigger(t);
        }
        if (present(in)) {
            GeneratorTruth t = new GeneratorTruth();
            t.setProcess(in.readString());
            t.setGeneratedMass(optionalDouble(in));
            t.setWeight(in.readDouble());
            e.setTruth(t);
        }
        return e;
    }

    private static HelixTrack track(Decoder in) throws IOException {
        HelixTrack t = new HelixTrack();
        t.setPx(in.readDouble());
        t.setPy(in.readDouble());
        t.setPz(in.readDouble());
        t.setCharge(in.readInt());
        t.setD0(in.readDouble());
        t.setPhi0(in.readDouble());
        t.setOmega(in.readDouble());
        t.setZ0(in.readDouble());
        t.setTanLambda(in.readDouble());
        double[] cov = new double[15];
        int size = 0;
        for (long n = in.readArrayStart(); n > 0; n = in.arrayNext()) {
            for (long i = 0; i < n; i++) {
                if (size == cov.length) {
                    cov = java.util.Arrays.copyOf(cov, 2 * size);
                }
                cov[size++] = in.readDouble();
            }
        }
        t.setHelixCovariance(new PackedDoubles(size == cov.length ? cov : java.util.Arrays.copyOf(cov, size)));
        t.setKlmLayersReached(in.readInt());
        t.setKlmLayersExpected(in.readInt());
        t.setEclEnergy(in.readDouble());
        t.setDedx(in.readDouble());
        t.setMuonId(optionalDouble(in));
        t.setElectronId(optionalDouble(in));
        return t;
    }

    /** A ["null", X] union: false for null, true when an X follows. */
    private static boolean present(Decoder in) throws IOException {
        int branch = in.readIndex();
        if (branch < 0 || branch > 1) {
            throw new AvroRuntimeException("union branch " + branch + " of a [null, record/double] union");
        }
        return branch == 1;
    }

    private static Double optionalDouble(Decoder in) throws IOException {
        return present(in) ? in.readDouble() : null;
    }
}
