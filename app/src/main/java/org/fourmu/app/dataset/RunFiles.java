package org.fourmu.app.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.fourmu.avro.Event;

/** Avro container files holding one run's events each, and their checksums. */
public final class RunFiles {

    private RunFiles() {
    }

    /** A writer of one run's events (deflate level 1: fast, about a third of the raw size). */
    public static DataFileWriter<Event> create(Path file) throws IOException {
        DataFileWriter<Event> writer = new DataFileWriter<>(new SpecificDatumWriter<>(Event.class));
        writer.setCodec(CodecFactory.deflateCodec(1));
        Files.createDirectories(file.toAbsolutePath().getParent());
        writer.create(Event.getClassSchema(), file.toFile());
        return writer;
    }

    /** File name of a run's events. */
    public static String fileName(int experiment, int run) {
        return String.format("e%04d-r%06d.avro", experiment, run);
    }

    /** Reads the events of a file in order, skipping the first {@code skip}; returns the number read. */
    public static long read(Path file, long skip, Consumer<Event> sink) throws IOException {
        long n = 0;
        try (DataFileReader<Event> reader = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(Event.class))) {
            Event reuse = null;
            while (reader.hasNext()) {
                reuse = reader.next(reuse);
                if (n++ >= skip) {
                    sink.accept(reuse);
                }
            }
        }
        return n;
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Refuses a file whose checksum is not the manifest's, naming the file. */
    public static void verify(Path directory, DatasetManifest.Run run) throws IOException {
        Path file = directory.resolve(run.file());
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("run " + run.key() + ": file " + file + " is missing");
        }
        String actual = sha256(file);
        if (!actual.equals(run.sha256())) {
            throw new IllegalArgumentException("run " + run.key() + ": " + file + " has SHA-256 " + actual
                    + ", the manifest says " + run.sha256() + " (the file changed since it was recorded)");
        }
    }
}
