package org.fourmu.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@code fourmu demo} in a child JVM on the test class path, on free ports. */
public final class DemoJvm {

    private DemoJvm() {
    }

    public static List<String> command(Path dataDir, String... options) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=org.fourmu.avro",
                "-cp", System.getProperty("java.class.path"), FourmuCommand.class.getName(), "demo",
                "--data-dir", dataDir.toString(), "--kafka-port", "0", "--registry-port", "0", "--http-port", "0"));
        command.addAll(List.of(options));
        return command;
    }
}
