package org.fourmu.app.command;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.fourmu.app.dataset.DatasetWriter;
import org.fourmu.app.kafka.CommittedRecords;
import org.fourmu.avro.Event;
import org.fourmu.avro.RunInfo;
import org.fourmu.avro.RunState;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.Topics;
import org.fourmu.app.kafka.ClusterProbe;
import org.fourmu.topology.security.KafkaClientProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fourmu record}: the events and RunInfo of chosen runs, read from Kafka (committed records only),
 * written as a dataset: one Avro file per run and a manifest with events, luminosity and checksums.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Write the events and RunInfo of runs on fourmu.events / fourmu.runs to a dataset directory "
                + "(one Avro file per run, manifest.json) for 'fourmu replay'.")
public final class RecordCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", required = true, description = "Confluent-API schema registry.")
    String schemaRegistryUrl;

    @Option(names = "--runs", split = ",", paramLabel = "EXP/RUN",
            description = "Runs to record, e.g. 26/1,26/2 (default: every run whose RunInfo says ENDED).")
    List<String> runs;

    @Option(names = "--out", required = true, description = "Dataset directory to create.")
    Path out;

    @Option(names = "--name", description = "Dataset name (default: the directory's name); results are keyed by it.")
    String name;

    @Mixin
    ClientSecurityOptions security = new ClientSecurityOptions();

    @Override
    public Integer call() throws Exception {
        KafkaClientProperties kafkaClient = security.kafkaClient();
        ClusterProbe.check(bootstrapServers, kafkaClient, ClusterProbe.DEFAULT_TIMEOUT);
        SearchTopology.WireSerdes serdes = SearchTopology.WireSerdes.of(security.registryClient(schemaRegistryUrl));
        Map<String, RunInfo> known = new TreeMap<>();
        CommittedRecords.readToEnd(bootstrapServers, kafkaClient, Topics.RUNS, serdes.runs().deserializer(), r -> known.put(r.key(), r.value()));
        Set<String> chosen = new LinkedHashSet<>();
        if (runs == null) {
            known.forEach((k, v) -> {
                if (v.getState() == RunState.ENDED) {
                    chosen.add(k);
                }
            });
        } else {
            for (String r : runs) {
                if (!r.matches("\\d+/\\d+")) {
                    throw new IllegalArgumentException("--runs: '" + r + "' is not EXP/RUN");
                }
                if (!known.containsKey(r)) {
                    throw new IllegalArgumentException("--runs: run " + r + " has no RunInfo on " + Topics.RUNS);
                }
                chosen.add(r);
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no run to record (no ENDED run on " + Topics.RUNS + "; name runs with --runs)");
        }
        Map<String, Long> counts = new HashMap<>();
        try (DatasetWriter writer = new DatasetWriter(out, name != null ? name : out.toAbsolutePath().getFileName().toString())) {
            CommittedRecords.readToEnd(bootstrapServers, kafkaClient, Topics.EVENTS, serdes.events().deserializer(), r -> {
                Event e = r.value();
                String run = e.getExperiment() + "/" + e.getRun();
                if (chosen.contains(run)) {
                    writer.event(e);
                    counts.merge(run, 1L, Long::sum);
                }
            });
            for (String run : chosen) {
                writer.runInfo(known.get(run));
            }
        }
        for (String run : chosen) {
            RunInfo info = known.get(run);
            long n = counts.getOrDefault(run, 0L);
            String note = info.getEvents() != n ? String.format(Locale.ROOT, " (RunInfo says %d)", info.getEvents()) : "";
            System.out.printf(Locale.ROOT, "run %s: %d events%s, %.4g fb^-1, %s%n", run, n, note, info.getIntegratedLuminosity(), info.getState());
        }
        System.out.println("dataset written to " + out);
        return 0;
    }
}
