package org.fourmu.app.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM,
 * every listener bound to 127.0.0.1. The log directory is formatted on first use and reused
 * afterwards, so topics and offsets survive a restart on the same directory.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final int brokerPort;
    private final int controllerPort;
    private final ClientListener listener;
    private volatile boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, Path dataDir, int brokerPort, int controllerPort, ClientListener listener) {
        this.server = server;
        this.dataDir = dataDir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.listener = listener;
    }

    /**
     * Start a broker on {@code dataDir}.
     *
     * @param dataDir    log directory; created and formatted when new, reused otherwise
     * @param brokerPort client port on 127.0.0.1; 0 picks a free one
     */
    public static EmbeddedKafka start(Path dataDir, int brokerPort) {
        return start(dataDir, brokerPort, ClientListener.PLAINTEXT);
    }

    /**
     * Start a broker on {@code dataDir} whose client port speaks {@code listener}'s protocol. SCRAM
     * users are created when the directory is formatted, i.e. on its first use only.
     */
    public static EmbeddedKafka start(Path dataDir, int brokerPort, ClientListener listener) {
        try {
            Files.createDirectories(dataDir);
            int port = brokerPort == 0 ? freePort() : brokerPort;
            if (brokerPort != 0) {
                requireFree(port);
            }
            int controllerPort = freePort();
            Properties props = brokerProperties(dataDir, port, controllerPort, listener);
            KafkaConfig config = KafkaConfig.fromProps(props, false);
            if (!Files.exists(dataDir.resolve("meta.properties"))) {
                format(dataDir, listener);
            }
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                server.startup();
            } catch (RuntimeException e) {
                server.shutdown();
                throw new IllegalStateException("the embedded Kafka broker cannot start on " + HOST + ":" + port + ": "
                        + e.getMessage(), e);
            }
            LOG.info("Kafka broker (KRaft) listening on {}:{} ({}), data in {}", HOST, port, listener.protocol(), dataDir);
            return new EmbeddedKafka(server, dataDir, port, controllerPort, listener);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Kafka data directory " + dataDir, e);
        }
    }

    /**
     * Stops this broker and starts another on the same log directory and the same broker and controller
     * ports, as an operator's restart would: clients keep their bootstrap address, topics and offsets are kept.
     */
    public EmbeddedKafka restart() {
        close();
        KafkaRaftServer again = new KafkaRaftServer(KafkaConfig.fromProps(brokerProperties(dataDir, brokerPort, controllerPort, listener),
                false), Time.SYSTEM);
        again.startup();
        LOG.info("Kafka broker (KRaft) restarted on {}:{}, data in {}", HOST, brokerPort, dataDir);
        return new EmbeddedKafka(again, dataDir, brokerPort, controllerPort, listener);
    }

    static Properties brokerProperties(Path dataDir, int port, int controllerPort, ClientListener listener) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        // The client listener is also the inter-broker one: with SASL the broker logs in as the first SCRAM user.
        String name = listener.protocol();
        p.put("listeners", name + "://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", name + "://" + HOST + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", name);
        p.put("listener.security.protocol.map", name + ":" + name + ",CONTROLLER:PLAINTEXT");
        String prefix = "listener.name." + name.toLowerCase(java.util.Locale.ROOT) + ".";
        if (listener.sasl()) {
            String mechanism = listener.mechanism();
            Map.Entry<String, String> broker = listener.users().entrySet().iterator().next();
            p.put(prefix + "sasl.enabled.mechanisms", mechanism);
            p.put("sasl.mechanism.inter.broker.protocol", mechanism);
            p.put(prefix + mechanism.toLowerCase(java.util.Locale.ROOT) + ".sasl.jaas.config",
                    ClientListener.scramJaas(broker.getKey(), broker.getValue()));
        }
        if (listener.ssl()) {
            p.put(prefix + "ssl.keystore.location", listener.keyStore().file().toString());
            p.put(prefix + "ssl.keystore.password", listener.keyStore().password());
            p.put(prefix + "ssl.key.password", listener.keyStore().password());
            // the broker is its own client on the inter-broker listener: it trusts its own certificate
            p.put(prefix + "ssl.truststore.location", listener.keyStore().file().toString());
            p.put(prefix + "ssl.truststore.password", listener.keyStore().password());
        }
        p.put("log.dirs", dataDir.toString());
        // A single node: every internal topic has one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        return p;
    }

    private static void format(Path dataDir, ClientListener listener) {
        List<String> scram = listener.users().entrySet().stream()
                .map(u -> listener.mechanism() + "=[name=" + u.getKey() + ",password=" + u.getValue() + "]").toList();
        try {
            new Formatter()
                    .setScramArguments(scram)
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dataDir.toString()))
                    .setMetadataLogDirectory(dataDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** Fails with a one-line reason when the port is taken, before the broker logs its own stack traces about it. */
    private static void requireFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            s.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("the embedded Kafka broker cannot listen on " + HOST + ":" + port + ": " + e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** Bootstrap servers for clients, e.g. {@code 127.0.0.1:9092}. */
    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker stopped");
    }
}
