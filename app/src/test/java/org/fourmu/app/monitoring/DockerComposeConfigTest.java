package org.fourmu.app.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docker/docker-compose.yml is a valid compose file for Debian's docker-compose 1.29 ({@code config -q},
 * offline: no engine runs here), and it mounts the repository's monitoring files that exist.
 */
class DockerComposeConfigTest {

    private static final Path COMPOSE = Path.of("/usr/bin/docker-compose");

    @Test
    void composeFileIsValid() throws Exception {
        assertTrue(Files.isExecutable(COMPOSE),
                COMPOSE + " is missing: install Debian's docker-compose package (.ci/run does: apt-get install docker-compose)");
        Path root = MonitoringFiles.root();
        Process p = new ProcessBuilder(COMPOSE.toString(), "-f", "docker/docker-compose.yml", "config", "-q")
                .directory(root.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "docker-compose config hangs");
        assertEquals(0, p.exitValue(), "docker-compose config -q:\n" + out);
    }

    @Test
    void mountedFilesExist() throws Exception {
        Path docker = MonitoringFiles.root().resolve("docker");
        String compose = Files.readString(docker.resolve("docker-compose.yml"));
        for (String mounted : List.of("../monitoring/prometheus", "../monitoring/grafana/provisioning",
                "../monitoring/grafana/dashboards", "./postgres/10-grafana-reader.sh")) {
            assertTrue(compose.contains("- " + mounted + ":"), mounted + " not mounted");
            assertTrue(Files.exists(docker.resolve(mounted)), mounted + " does not exist");
        }
        assertTrue(Files.exists(docker.resolve("../monitoring/prometheus/prometheus.compose.yml")));
        assertTrue(Files.isRegularFile(docker.resolve("Dockerfile")));
    }
}
