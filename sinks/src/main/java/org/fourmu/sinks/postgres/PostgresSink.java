package org.fourmu.sinks.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.fourmu.avro.LimitCurve;
import org.fourmu.avro.RunInfo;
import org.fourmu.topology.Topics;
import org.fourmu.topology.security.KafkaClientProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies {@code fourmu.limits} and {@code fourmu.runs} into PostgreSQL for Grafana and analysts.
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
    private final long minIntervalMillis;
    private final Map<String, LimitCurve> pending = new LinkedHashMap<>();
    private final Map<String, Long> lastWrite = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private long curvesWritten;

    public PostgresSink(String bootstrapServers, String jdbcUrl, Deserializer<LimitCurve> curves, Deserializer<RunInfo> runs,
                        Duration minInterval) throws SQLException {
        this(bootstrapServers, KafkaClientProperties.none(), jdbcUrl, curves, runs, minInterval);
    }

    /** A sink whose consumer reaches the cluster with {@code kafkaClient} (SASL, TLS). */
    public PostgresSink(String bootstrapServers, KafkaClientProperties kafkaClient, String jdbcUrl, Deserializer<LimitCurve> curves,
                        Deserializer<RunInfo> runs, Duration minInterval) throws SQLException {
        this.curves = curves;
        this.runs = runs;
        this.minIntervalMillis = minInterval.toMillis();
        this.db = DriverManager.getConnection(jdbcUrl);
        int version = SchemaMigrations.migrate(db);
        LOG.info("PostgreSQL sink: schema version {} at {}", version, jdbcUrl.replaceAll("password=[^&]*", "password=***"));
        db.setAutoCommit(false);
        this.tables = new ResultTables(db);
        Properties p = kafkaClient.addTo(new Properties());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "fourmu-sink-postgres");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.LIMITS, Topics.RUNS));
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
            } else {
                LimitCurve c = curves.deserialize(r.topic(), r.value());
                LimitCurve before = pending.get(c.getAnalysisId().toString());
                if (before == null || before.getVersion() < c.getVersion()) {
                    pending.put(c.getAnalysisId().toString(), c);
                }
            }
        }
        long now = System.currentTimeMillis();
        boolean paused = records.isEmpty();
        for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (paused || now - lastWrite.getOrDefault(e.getKey(), 0L) >= minIntervalMillis) {
                if (tables.write(e.getValue())) {
                    curvesWritten++;
                    prune(e.getKey(), e.getValue().getVersion());
                }
                lastWrite.put(e.getKey(), now);
                it.remove();
            }
        }
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
                // the records of the failed batch are read again: nothing was committed for them
                consumer.assignment().forEach(tp -> consumer.committed(java.util.Set.of(tp)).forEach((k, v) ->
                        consumer.seek(k, v == null ? 0 : v.offset())));
                pending.clear();
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
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
