package org.fourmu.app.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.fourmu.sinks.PendingCurves;
import org.fourmu.topology.security.KafkaClientProperties;
import org.apache.kafka.common.serialization.Deserializer;
import org.fourmu.app.command.LimitCurveReport;
import org.fourmu.avro.LimitCurve;
import org.fourmu.topology.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every limit curve on {@code fourmu.limits} as files: per analysis a directory (its id with unsafe
 * characters replaced), holding {@code v<version>/} for the last {@link #KEPT_VERSIONS} versions and
 * {@code latest/}, each with the tables and figures of {@link LimitCurveReport} and {@code version.txt}.
 * A version directory is written under a temporary name and renamed into place; every file of
 * {@code latest/} is replaced by a rename, so a reader never sees a half-written file. Like the PostgreSQL
 * sink it writes an analysis at most once per {@code minInterval} (and always when the stream pauses) and
 * commits offsets only when nothing is pending; a version already on disk is not written again.
 */
public final class FileSink implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileSink.class);
    /** Version directories kept per analysis. */
    public static final int KEPT_VERSIONS = 5;
    public static final String LATEST = "latest";
    public static final String VERSION_FILE = "version.txt";

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Path out;
    private final Deserializer<LimitCurve> curves;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(5);
    private final PendingCurves pending;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private long curvesWritten;

    public FileSink(String bootstrapServers, Path out, Deserializer<LimitCurve> curves, Duration minInterval) throws IOException {
        this(bootstrapServers, KafkaClientProperties.none(), out, curves, minInterval);
    }

    /** A sink whose consumer reaches the cluster with {@code kafkaClient} (SASL, TLS). */
    public FileSink(String bootstrapServers, KafkaClientProperties kafkaClient, Path out, Deserializer<LimitCurve> curves,
                    Duration minInterval) throws IOException {
        this.out = Files.createDirectories(out);
        this.curves = curves;
        this.pending = new PendingCurves(minInterval.toMillis());
        this.consumer = PendingCurves.consumer(bootstrapServers, kafkaClient, "fourmu-sink-files", List.of(Topics.LIMITS));
    }

    /** One poll: the newest curve per analysis kept, written when due; offsets committed when nothing is pending. */
    public void pollOnce(Duration timeout) throws IOException {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.value() == null) {
                continue;
            }
            pending.offer(curves.deserialize(r.topic(), r.value()));
        }
        curvesWritten += pending.writeDue(records.isEmpty(), this::write);
        if (pending.isEmpty()) {
            consumer.commitSync();
        }
    }

    /** The directory of an analysis: its id with every character but letters, digits, '.', '-' and '_' replaced by '_'. */
    public static Path analysisDir(Path out, String analysisId) {
        return out.resolve(analysisId.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** Writes one curve's version directory and replaces latest/; false if that version is already on disk. */
    boolean write(LimitCurve curve) throws IOException {
        Path dir = Files.createDirectories(analysisDir(out, curve.getAnalysisId()));
        Path version = dir.resolve("v" + curve.getVersion());
        if (Files.exists(version)) {
            return false;
        }
        Path tmp = Files.createTempDirectory(dir, ".v" + curve.getVersion() + "-");
        try {
            LimitCurveReport.write(curve, tmp);
            Files.writeString(tmp.resolve(VERSION_FILE), curve.getVersion() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, version, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(tmp);
        }
        Path latest = Files.createDirectories(dir.resolve(LATEST));
        long latestVersion = latestVersion(latest);
        if (curve.getVersion() > latestVersion) {
            try (Stream<Path> files = Files.list(version)) {
                // version.txt last: once it names the new version, every file is the new version's
                List<Path> ordered = new ArrayList<>(files.sorted(Comparator.comparing(f -> f.getFileName().toString()
                        .equals(VERSION_FILE))).toList());
                for (Path f : ordered) {
                    Path part = latest.resolve("." + f.getFileName() + ".part");
                    Files.copy(f, part, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(part, latest.resolve(f.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        prune(dir, curve.getVersion());
        LOG.debug("limit curve {} v{} written to {}", curve.getAnalysisId(), curve.getVersion(), version);
        return true;
    }

    private static long latestVersion(Path latest) throws IOException {
        Path f = latest.resolve(VERSION_FILE);
        return Files.exists(f) ? Long.parseLong(Files.readString(f).trim()) : 0;
    }

    private static void prune(Path dir, long newest) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                if (name.matches("v\\d+") && Long.parseLong(name.substring(1)) <= newest - KEPT_VERSIONS) {
                    deleteTree(p);
                }
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    public long curvesWritten() {
        return curvesWritten;
    }

    @Override
    public void run() {
        while (running.get()) {
            try {
                pollOnce(Duration.ofSeconds(1));
            } catch (IOException | UncheckedIOException e) {
                LOG.error("file sink: {}; retrying in 5 s", e.getMessage());
                if (!pending.retryFromCommitted(consumer, RETRY_PAUSE)) {
                    return;
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                return;
            }
        }
    }

    public void stop() {
        running.set(false);
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
