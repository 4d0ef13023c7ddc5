package org.fourmu.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fourmu.app.search.SearchInstance;
import org.fourmu.topology.SearchConfig;
import org.fourmu.topology.aggregation.SpectrumWindow;
import org.fourmu.topology.registry.SchemaRegistryClient;

/**
 * The search of {@link SimulatedSearchInput} alone in a child JVM, on a broker that lives elsewhere: what a
 * fault test kills with SIGKILL. Arguments: bootstrap servers, registry URL, state directory, partitions.
 */
public final class SearchJvm {

    /** Printed on stdout when the instance is RUNNING. */
    static final String READY = "search running";

    /** The broker's smallest allowed session: a killed instance's partitions move on after 6 s, not Kafka's 45. */
    static final int SESSION_TIMEOUT_MS = 6000;

    private SearchJvm() {
    }

    public static void main(String[] args) throws Exception {
        SearchInstance instance = SearchInstance.start(config(args[0], args[1], Path.of(args[2]), Integer.parseInt(args[3])),
                SimulatedSearchInput.analysis(), SpectrumWindow.DEFAULT, org.fourmu.topology.SearchTopology.WireSerdes.of(new SchemaRegistryClient(args[1])),
                "127.0.0.1", 0);
        SearchQueries.awaitRunning(List.of(instance));
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    static SearchConfig.Builder config(String bootstrap, String registryUrl, Path stateDir, int partitions) {
        return SearchConfig.builder().bootstrapServers(bootstrap).schemaRegistryUrl(registryUrl).stateDir(stateDir)
                .partitions(partitions).sessionTimeoutMs(SESSION_TIMEOUT_MS);
    }

    /** The command line that runs {@link #main} in a child JVM on the test class path. */
    static List<String> command(String bootstrap, String registryUrl, Path stateDir, int partitions) {
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=org.fourmu.avro", "-cp", System.getProperty("java.class.path"),
                SearchJvm.class.getName(), bootstrap, registryUrl, stateDir.toString(), Integer.toString(partitions)));
    }
}
