package org.fourmu.app.monitoring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fourmu.app.DemoJvm;

/**
 * {@code fourmu demo} in a child JVM on free ports, as Prometheus scrapes it: four-muon events and the J/psi
 * events of the J/psi monitor only,
 * so that candidates, scans and a limit curve come within a minute even on a loaded machine.
 */
final class DemoUnderTest implements AutoCloseable {

    private static final Pattern METRICS = Pattern.compile("metrics:\\s+http://(127\\.0\\.0\\.1:\\d+)/metrics");

    final String target;
    private final Process process;
    private final Path stderr;
    private final List<String> stdout;

    private DemoUnderTest(Process process, Path stderr, List<String> stdout, String target) {
        this.process = process;
        this.stderr = stderr;
        this.stdout = stdout;
        this.target = target;
    }

    static DemoUnderTest start(Path dir, Duration timeout) throws IOException {
        Path stderr = dir.resolve("demo.err");
        List<String> command = DemoJvm.command(dir.resolve("demo-data"), "--processes", "mumumumu,jpsipipi");
        Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        List<String> stdout = java.util.Collections.synchronizedList(new ArrayList<>());
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + timeout.toNanos();
        String target = null;
        String line;
        while (target == null && System.nanoTime() < deadline && (line = out.readLine()) != null) {
            stdout.add(line);
            Matcher m = METRICS.matcher(line);
            if (m.find()) {
                target = m.group(1);
            }
        }
        if (target == null) {
            p.destroyForcibly();
            throw new IllegalStateException("demo did not print its metrics address within " + timeout + ": " + stdout
                    + "\n" + tail(stderr));
        }
        Thread drain = new Thread(() -> {
            try {
                out.lines().forEach(stdout::add);
            } catch (java.io.UncheckedIOException closed) {
                // the demo was stopped
            }
        }, "demo-stdout");
        drain.setDaemon(true);
        drain.start();
        return new DemoUnderTest(p, stderr, stdout, target);
    }

    boolean alive() {
        return process.isAlive();
    }

    String log() {
        return String.join("\n", stdout) + "\n" + tail(stderr);
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
