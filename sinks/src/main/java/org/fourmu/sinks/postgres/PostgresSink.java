package org.fourmu.sinks.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.fourmu.avro.JpsiRunFit;
import org.fourmu.avro.LimitCurve;
import org.fourmu.avro.RunInfo;
import org.fourmu.sinks.PendingCurves;
import org.fourmu.topology.Topics;
import org.fourmu.topology.security.KafkaClientProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies {@code fourmu.limits}, {@code fourmu.runs} and {@code fourmu.jpsi} into PostgreSQL for Grafana and analysts.
 * Curves arrive every few seconds while data flow; the sink keeps the newest per analysis and writes it at
 * most once per {@code minInterval} (and always once the stream pauses), keeping the points of the last
 * {@link #KEPT_VERSIONS} versions. Offsets are committed only after the rows they produced are committed
 * in the database, and every write is an idempotent upsert: a crash replays records, never loses or
 * doubles a row.
 */
public final class PostgresSink implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSink.class);
    /** Versions of each analysis whose scan points are kept (all curve summaries are kept). */
    public static final int KEPT_VERSIONS = 5;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Connection db;
    private final ResultTables tables;
    private final Deserializer<LimitCurve> curves;
    private final Deserializer<RunInfo> runs;
    private final Deserializer<JpsiRunFit> jpsiFits;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(5);
    private final PendingCurves pending;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private long curvesWritten;

    public PostgresSink(String bootstrapServers, String jdbcUrl, Deserializer<LimitCurve> curves, Deserializer<RunInfo> runs,
                        Deserializer<JpsiRunFit> jpsiFits, Duration minInterval) throws SQLException {
        this(bootstrapServers, KafkaClientProperties.none(), jdbcUrl, curves, runs, jpsiFits, minInterval);
    }

    /** A sink whose consumer reaches the cluster with {@code kafkaClient} (SASL, TLS). */
    public PostgresSink(String bootstrapServers, KafkaClientProperties kafkaClient, String jdbcUrl, Deserializer<LimitCurve> curves,
                        Deserializer<RunInfo> runs, Deserializer<JpsiRunFit> jpsiFits, Duration minInterval) throws SQLException {
        this.curves = curves;
        this.runs = runs;
        this.jpsiFits = jpsiFits;
        this.pending = new PendingCurves(minInterval.toMillis());
        this.db = DriverManager.getConnection(jdbcUrl);
        int version = SchemaMigrations.migrate(db);
        LOG.info("PostgreSQL sink: schema version {} at {}", version, jdbcUrl.replaceAll("password=[^&]*", "password=***"));
        db.setAutoCommit(false);
        this.tables = new ResultTables(db);
        this.consumer = PendingCurves.consumer(bootstrapServers, kafkaClient, "fourmu-sink-postgres",
                List.of(Topics.LIMITS, Topics.RUNS, Topics.JPSI));
    }

    /** One poll: records to the database, pending curves flushed when due; offsets committed when nothing is pending. */
    public void pollOnce(Duration timeout) throws SQLException {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.value() == null) {
                continue;
            }
            if (r.topic().equals(Topics.RUNS)) {
                tables.write(runs.deserialize(r.topic(), r.value()));
            } else if (r.topic().equals(Topics.JPSI)) {
                tables.write(jpsiFits.deserialize(r.topic(), r.value()));
            } else {
                pending.offer(curves.deserialize(r.topic(), r.value()));
            }
        }
        curvesWritten += pending.writeDue(records.isEmpty(), curve -> {
            boolean stored = tables.write(curve);
            if (stored) {
                prune(curve.getAnalysisId(), curve.getVersion());
            }
            return stored;
        });
        db.commit();
        if (pending.isEmpty()) {
            consumer.commitSync();
        }
    }

    private void prune(String analysisId, long version) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("DELETE FROM scan_point WHERE analysis_id = ? AND version <= ?")) {
            p.setString(1, analysisId);
            p.setLong(2, version - KEPT_VERSIONS);
            p.executeUpdate();
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
            } catch (SQLException e) {
                LOG.error("PostgreSQL sink: {}; retrying in 5 s", e.getMessage());
                try {
                    db.rollback();
                } catch (SQLException again) {
                    LOG.error("PostgreSQL sink: rollback failed: {}", again.getMessage());
                }
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
    public void close() throws SQLException {
        consumer.close();
        db.close();
    }
}
