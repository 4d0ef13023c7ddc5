package org.fourmu.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fourmu.topology.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a user runs it, in its own process: it starts, an independent Kafka client (kcat)
 * sees the fourmu topics, an interrupt (Ctrl-C) stops it within seconds without a stack trace,
 * and a second start on the same data directory finds its topics again.
 */
class DemoProcessTest {

    private static final Pattern BOOTSTRAP = Pattern.compile("Kafka bootstrap servers: (127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path dir;

    @Test
    void demoStartsIsVisibleToKcatStopsOnInterruptAndRestartsOnItsData() throws Exception {
        boolean kcat = Files.isExecutable(Path.of("/usr/bin/kcat"));
        assumeTrue(kcat || System.getenv("CI") != null, "kcat not installed (.ci/run installs it)");

        Run first = Run.start(dir);
        String metadata = kcat(first.bootstrap);
        for (Topics.Spec t : Topics.ALL) {
            assertTrue(metadata.contains("topic \"" + t.name() + "\""), t.name() + " missing from\n" + metadata);
        }
        assertTrue(first.stdout.stream().anyMatch(l -> l.startsWith("created topics")));
        first.interruptAndCheck();

        Run second = Run.start(dir);
        assertFalse(second.stdout.stream().anyMatch(l -> l.startsWith("created topics")),
                "topics must survive the restart: " + second.stdout);
        assertTrue(kcat(second.bootstrap).contains("topic \"" + Topics.EVENTS + "\""));
        second.interruptAndCheck();
    }

    private static String kcat(String bootstrap) throws Exception {
        Process p = new ProcessBuilder("kcat", "-b", bootstrap, "-L").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** One run of {@code fourmu demo} in a child JVM. */
    private static final class Run {
        final Process process;
        final List<String> stdout = new ArrayList<>();
        final Path stderr;
        String bootstrap;

        private Run(Process process, Path stderr) {
            this.process = process;
            this.stderr = stderr;
        }

        static Run start(Path dir) throws IOException {
            Path stderr = Files.createTempFile(dir, "demo", ".err");
            List<String> command = DemoJvm.command(dir.resolve("data"), "--rate-scale", "50");
            Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            Run run = new Run(p, stderr);
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            long deadline = System.currentTimeMillis() + 120_000;
            String line;
            while (System.currentTimeMillis() < deadline && (line = out.readLine()) != null) {
                run.stdout.add(line);
                Matcher m = BOOTSTRAP.matcher(line);
                if (m.find()) {
                    run.bootstrap = m.group(1);
                }
                if (line.contains("metrics:")) {
                    break;
                }
            }
            assertNotNull(run.bootstrap, "demo did not start: " + run.stdout + "\n" + Files.readString(stderr));
            Thread drain = new Thread(() -> out.lines().forEach(run.stdout::add));
            drain.setDaemon(true);
            drain.start();
            return run;
        }

        void interruptAndCheck() throws Exception {
            Thread.sleep(2000);
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            long t0 = System.nanoTime();
            boolean exited = process.waitFor(20, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (!exited) {
                process.destroyForcibly();
            }
            String err = Files.readString(stderr);
            assertTrue(exited, "demo still running 20 s after the interrupt");
            assertFalse(err.contains("Exception") || err.contains("\tat "), "stack trace on shutdown:\n" + err);
            assertTrue(seconds < 15, "shutdown took " + seconds + " s");
        }
    }
}
