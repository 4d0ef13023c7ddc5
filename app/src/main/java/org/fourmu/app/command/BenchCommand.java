package org.fourmu.app.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import org.fourmu.app.bench.ScanBenchmark;
import org.fourmu.app.bench.ThroughputBenchmark;
import org.fourmu.physics.spectrum.Histogram;
import org.fourmu.simulation.mix.MixProcesses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fourmu bench <what>}: measured performance numbers (docs/performance.md quotes them with their commands). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure performance: throughput of the topology, scan time per segment.",
        subcommands = {BenchCommand.Throughput.class, BenchCommand.Scan.class})
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a benchmark: throughput or scan");
    }

    @Command(name = "throughput", mixinStandardHelpOptions = true,
            description = "Produce simulated events to fourmu.events on an embedded broker, then time a plain deserializing "
                    + "consumer and the whole topology over them; print both rates and their ratio.")
    static final class Throughput implements Callable<Integer> {
        @Option(names = "--events", defaultValue = "200000", description = "Events to produce and read (default: ${DEFAULT-VALUE}).")
        long events;

        @Option(names = "--warmup", defaultValue = "0.2",
                description = "Fraction of the events read before the clock starts: JIT and start-up out of the rate (default: ${DEFAULT-VALUE}).")
        double warmup;

        @Option(names = "--pool", defaultValue = "50000",
                description = "Distinct simulated events; more are repeats with new event numbers (default: ${DEFAULT-VALUE}).")
        int pool;

        @Option(names = "--partitions", defaultValue = "3", description = "Partitions of the events topic (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--threads", defaultValue = "1", description = "Stream threads (default: ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--guarantee", defaultValue = StreamsConfig.EXACTLY_ONCE_V2,
                description = "exactly_once_v2 or at_least_once (default: ${DEFAULT-VALUE}).")
        String guarantee;

        @Option(names = "--processes", split = ",", defaultValue = "mumumumu,mumugamma,jpsipipi",
                description = "Simulated processes at their cross sections, as in the demo (default: ${DEFAULT-VALUE}).")
        List<String> processes;

        @Option(names = "--rate-scale", defaultValue = "500", description = "The demo's rate scale; only sets slice sizes (default: ${DEFAULT-VALUE}).")
        double rateScale;

        @Option(names = "--scan-interval", defaultValue = "5", description = "Seconds between rescans of changed segments (default: ${DEFAULT-VALUE}, the demo's).")
        double scanIntervalSeconds;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulated events (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--streams-config", description = "A Kafka Streams property of the topology, key=value (repeatable; "
                + "consumer. and producer. prefixes for the clients), over the application's defaults.")
        java.util.Map<String, String> streamsConfig = new java.util.LinkedHashMap<>();

        @Override
        public Integer call() throws Exception {
            if (events < 1 || pool < 1 || partitions < 1 || threads < 1 || !(scanIntervalSeconds > 0)) {
                throw new IllegalArgumentException("--events, --pool, --partitions, --threads and --scan-interval must be positive");
            }
            if (!(warmup >= 0 && warmup < 0.9)) {
                throw new IllegalArgumentException("--warmup must be in [0, 0.9), got " + warmup);
            }
            for (String p : processes) {
                if (!MixProcesses.names().contains(p)) {
                    throw new IllegalArgumentException("--processes: unknown process '" + p + "'; known: " + MixProcesses.names());
                }
            }
            Path work = Files.createTempDirectory("fourmu-bench");
            double loadBefore = ThroughputBenchmark.loadAverage();
            try {
                ThroughputBenchmark.Result r = new ThroughputBenchmark(new ThroughputBenchmark.Settings(events, warmup, pool, partitions,
                        threads, guarantee, processes, rateScale, Duration.ofMillis(Math.round(scanIntervalSeconds * 1000)), seed,
                        streamsConfig),
                        System.out).run(work);
                System.out.printf(Locale.ROOT, "throughput: topology %.0f events/s, plain consumer %.0f events/s, ratio %.2f "
                                + "(load average %.1f before, %.1f after, %d cores); CPU per event: topology %.1f us "
                                + "(stream threads %.1f us), plain consumer %.1f us (consumer thread %.1f us), ratio %.2f%n",
                        r.topology().perSecond(), r.plainConsumer().perSecond(), r.ratio(), loadBefore,
                        ThroughputBenchmark.loadAverage(), Runtime.getRuntime().availableProcessors(),
                        r.topology().processCpuMicrosPerEvent(), r.topology().readerCpuMicrosPerEvent(),
                        r.plainConsumer().processCpuMicrosPerEvent(), r.plainConsumer().readerCpuMicrosPerEvent(),
                        r.plainConsumer().processCpuMicrosPerEvent() / r.topology().processCpuMicrosPerEvent());
                System.out.printf(Locale.ROOT, "Kafka Streams' own share: decode-only Streams %.0f events/s, ratio %.2f to the plain "
                                + "consumer; the topology's ratio to it %.2f; stream thread CPU per event: decode-only %.1f us, "
                                + "topology %.1f us%n", r.decodeOnlyStreams().perSecond(),
                        r.decodeOnlyStreams().perSecond() / r.plainConsumer().perSecond(),
                        r.topology().perSecond() / r.decodeOnlyStreams().perSecond(),
                        r.decodeOnlyStreams().readerCpuMicrosPerEvent(), r.topology().readerCpuMicrosPerEvent());
                return r.counted() == events ? 0 : 1;
            } finally {
                try (Stream<Path> files = Files.walk(work)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @Command(name = "scan", mixinStandardHelpOptions = true,
            description = "Time the scan of each mass segment on one thread (as the punctuator runs it) on the simulated "
                    + "four-muon background of a luminosity and on histograms with every bin filled; compare with the "
                    + "exactly-once transaction timeout.")
    static final class Scan implements Callable<Integer> {
        @Option(names = "--lumi", defaultValue = "178", description = "Luminosity of the background histogram in fb^-1 (default: ${DEFAULT-VALUE}, the paper's).")
        double lumiInvFb;

        @Option(names = "--sample", defaultValue = "10000", description = "Simulated four-muon events the candidates are resampled from (default: ${DEFAULT-VALUE}).")
        int sample;

        @Option(names = "--warmups", defaultValue = "2", description = "Untimed passes over all segments first (default: ${DEFAULT-VALUE}).")
        int warmups;

        @Option(names = "--transaction-timeout", defaultValue = "10", description = "Exactly-once transaction timeout in seconds (default: ${DEFAULT-VALUE}, Kafka's).")
        double timeoutSeconds;

        @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() {
            ScanBenchmark bench = new ScanBenchmark();
            Histogram[] background = bench.background(lumiInvFb, sample, seed);
            boolean inside = true;
            for (ScanBenchmark.Result r : List.of(bench.time("four-muon background, " + lumiInvFb + " fb^-1", background, warmups),
                    bench.time("every bin filled", ScanBenchmark.everyBinFilled(), warmups))) {
                int maxSegment = r.maxSegment();
                System.out.printf(Locale.ROOT, "%s (%d entries): per segment wall mean %.1f ms, max %.1f ms (segment %d, %d fits); "
                                + "CPU mean %.1f ms, max %.1f ms; all %d fits %.2f s wall; max / transaction timeout = %.4f "
                                + "(load average %.1f)%n", r.histogram(), r.entries(),
                        r.meanMillis(), r.maxMillis(), maxSegment, r.fits()[maxSegment], r.meanCpuMillis(), r.maxCpuMillis(),
                        java.util.Arrays.stream(r.fits()).sum(), java.util.Arrays.stream(r.millis()).sum() / 1e3,
                        r.maxMillis() / (timeoutSeconds * 1e3), ThroughputBenchmark.loadAverage());
                inside &= r.maxMillis() < timeoutSeconds * 1e3;
            }
            return inside ? 0 : 1;
        }
    }
}
