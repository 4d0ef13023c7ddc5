package org.fourmu.topology.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import java.util.List;
import org.fourmu.avro.DeadLetterReason;
import org.fourmu.avro.LimitCurve;
import org.fourmu.avro.MassPoint;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.fit.JpsiPeakFit;
import org.fourmu.physics.models.LmuLtauZPrime;
import org.fourmu.physics.models.MuonphilicScalar;
import org.fourmu.physics.selection.EventSelection;
import org.fourmu.physics.selection.Stage;

/**
 * The search's own meters, named as docs/metrics.md promises the dashboards and alert rules.
 * Tags take bounded values only.
 */
public final class SearchMetrics {

    private final MeterRegistry registry;
    private final Counter eventsIn;
    private final Map<DeadLetterReason, Counter> deadLetters = new EnumMap<>(DeadLetterReason.class);
    private final Map<Stage, Counter> stagePassed = new EnumMap<>(Stage.class);
    private final Map<Stage, Counter> stageFailed = new EnumMap<>(Stage.class);
    private final Counter candidates;
    /** Candidates after the MLP cut: [range 1-5][0 fail, 1 pass]. */
    private final Counter[][] mlpOutcomes = new Counter[6][2];
    private final Counter unknownRuns;
    private final Counter triggerAgrees;
    private final io.micrometer.core.instrument.Timer scanDuration;
    private final Counter scanFits;
    private final java.util.concurrent.atomic.AtomicReference<double[]> latestLimits =
            new java.util.concurrent.atomic.AtomicReference<>(new double[] {Double.NaN, Double.NaN, Double.NaN, 0});
    private final Counter triggerDisagrees;
    private final Timer eventLatency;
    private final Counter streamThreadsFailed;

    /**
     * Histogram buckets of one segment's scan [s]: fine below a second, where the scan lives, and up to the
     * 10 s transaction timeout that bounds a whole punctuation (STACK.md, exactly-once v2).
     */
    static final double[] SCAN_BUCKETS_SECONDS = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10};

    /** Histogram buckets of the event latency [s]: milliseconds when the stream keeps up, up to a minute behind. */
    static final double[] LATENCY_BUCKETS_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    /**
     * Masses [GeV] at which the limits are exposed as gauges by default: a handful across the scan range, in
     * every MLP range but the fifth, away from the J/psi veto; a tag value each (never one per scan point).
     */
    public static final List<Double> DEFAULT_BENCHMARK_MASSES_GEV = List.of(0.5, 1.0, 2.0, 5.0, 8.0);
    /** At most this many benchmark masses: each is a tag value of four gauges per model. */
    public static final int MAX_BENCHMARK_MASSES = 10;
    static final List<String> MODELS = List.of(LmuLtauZPrime.NAME, MuonphilicScalar.NAME);

    private final JpsiMonitor jpsi = new JpsiMonitor();
    private final List<Double> benchmarkMassesGeV;
    /** [model][benchmark][observed xsec, expected xsec, observed coupling, expected coupling]; NaN before a curve. */
    private final double[][][] benchmarkLimits;

    public SearchMetrics(MeterRegistry registry) {
        this(registry, DEFAULT_BENCHMARK_MASSES_GEV);
    }

    /** The search's meters with limit gauges at the given benchmark masses [GeV]. */
    public SearchMetrics(MeterRegistry registry, List<Double> benchmarkMassesGeV) {
        this.registry = registry;
        if (benchmarkMassesGeV.size() > MAX_BENCHMARK_MASSES) {
            throw new IllegalArgumentException("at most " + MAX_BENCHMARK_MASSES + " benchmark masses (each is a metric tag), got "
                    + benchmarkMassesGeV.size());
        }
        this.benchmarkMassesGeV = List.copyOf(benchmarkMassesGeV);
        this.benchmarkLimits = new double[MODELS.size()][benchmarkMassesGeV.size()][4];
        for (double[][] model : benchmarkLimits) {
            for (double[] b : model) {
                java.util.Arrays.fill(b, Double.NaN);
            }
        }
        for (int m = 0; m < MODELS.size(); m++) {
            for (int b = 0; b < this.benchmarkMassesGeV.size(); b++) {
                String mass = massTag(this.benchmarkMassesGeV.get(b));
                for (int k = 0; k < 4; k++) {
                    int mm = m;
                    int bb = b;
                    int kk = k;
                    Gauge.builder(k < 2 ? "fourmu.limit.xsec.fb" : "fourmu.limit.coupling", this, x -> x.benchmarkLimits[mm][bb][kk])
                            .tag("model", MODELS.get(m)).tag("mass_gev", mass).tag("kind", k % 2 == 0 ? "observed" : "expected")
                            .description(k < 2 ? "90% CL upper limit on sigma x B at a benchmark mass (expected: median)"
                                    : "90% CL upper limit on the coupling at a benchmark mass (expected: median)")
                            .register(registry);
                }
            }
        }
        Gauge.builder("fourmu.jpsi.mass.gev", jpsi, j -> jpsiValue(j, JpsiPeakFit.Result::massGeV))
                .description("J/psi mass fitted on the latest run's muon pairs").register(registry);
        Gauge.builder("fourmu.jpsi.mass.error.gev", jpsi, j -> jpsiValue(j, JpsiPeakFit.Result::massErrorGeV))
                .description("Uncertainty of the fitted J/psi mass").register(registry);
        Gauge.builder("fourmu.jpsi.width.gev", jpsi, j -> jpsiValue(j, JpsiPeakFit.Result::widthGeV))
                .description("Width (Gaussian sigma) of the J/psi peak fitted on the latest run: the dimuon mass resolution").register(registry);
        Gauge.builder("fourmu.jpsi.yield", jpsi, j -> jpsiValue(j, JpsiPeakFit.Result::yield))
                .description("J/psi yield fitted on the latest run's muon pairs").register(registry);
        Gauge.builder("fourmu.jpsi.run", jpsi, j -> j.latest() == null ? Double.NaN : j.latest().run())
                .description("Run whose J/psi fit the jpsi gauges show").register(registry);
        Gauge.builder("fourmu.jpsi.mass.pdg.gev", () -> PhysicalConstants.JPSI_MASS_GEV)
                .description("PDG J/psi mass, the reference of the monitor").register(registry);
        this.eventsIn = Counter.builder("fourmu.events.in").description("Events read from fourmu.events").register(registry);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLetters.put(reason, Counter.builder("fourmu.deadletters").tag("reason", reason.name())
                    .description("Records sent to the dead-letter topic, by reason").register(registry));
        }
        for (Stage stage : Stage.values()) {
            stagePassed.put(stage, Counter.builder("fourmu.cutflow").tag("stage", stage.tag()).tag("outcome", "pass")
                    .description("Events through each stage of the per-event chain").register(registry));
            stageFailed.put(stage, Counter.builder("fourmu.cutflow").tag("stage", stage.tag()).tag("outcome", "fail")
                    .description("Events through each stage of the per-event chain").register(registry));
        }
        this.candidates = Counter.builder("fourmu.candidates.selected")
                .description("mu+mu- candidates out of the selection, before the MLP").register(registry);
        for (int range = 1; range <= 5; range++) {
            for (int k = 0; k < 2; k++) {
                mlpOutcomes[range][k] = Counter.builder("fourmu.candidates").description("Candidates scored by the MLP of their range")
                        .tag("mlp_range", Integer.toString(range)).tag("outcome", k == 1 ? "pass" : "fail").register(registry);
            }
        }
        this.triggerAgrees = Counter.builder("fourmu.trigger.emulation").tag("agrees", "true")
                .description("Data events with recorded trigger bits, by agreement of the emulation with the bits").register(registry);
        this.triggerDisagrees = Counter.builder("fourmu.trigger.emulation").tag("agrees", "false")
                .description("Data events with recorded trigger bits, by agreement of the emulation with the bits").register(registry);
        this.scanDuration = Timer.builder("fourmu.scan.duration").serviceLevelObjectives(durations(SCAN_BUCKETS_SECONDS))
                .description("Time to rescan one mass segment").register(registry);
        this.eventLatency = Timer.builder("fourmu.event.latency").serviceLevelObjectives(durations(LATENCY_BUCKETS_SECONDS))
                .description("Record timestamp to the end of the per-event chain (candidates forwarded or event rejected)")
                .register(registry);
        this.streamThreadsFailed = Counter.builder("fourmu.stream.thread.failed")
                .description("Kafka Streams threads that died with an uncaught exception").register(registry);
        this.scanFits = Counter.builder("fourmu.scan.fits").description("Likelihood fits done by the scan").register(registry);
        io.micrometer.core.instrument.Gauge.builder("fourmu.significance.local.max", latestLimits, r -> r.get()[0])
                .description("Largest local significance of the latest limit curve").register(registry);
        io.micrometer.core.instrument.Gauge.builder("fourmu.significance.global", latestLimits, r -> r.get()[1])
                .description("Global significance of the largest local excess (Gross-Vitells)").register(registry);
        io.micrometer.core.instrument.Gauge.builder("fourmu.luminosity.integrated.invfb", latestLimits, r -> r.get()[2])
                .description("Integrated luminosity the latest result rests on").baseUnit("invfb").register(registry);
        io.micrometer.core.instrument.Gauge.builder("fourmu.scan.last.success.timestamp.seconds", latestLimits, r -> r.get()[3])
                .description("Wall-clock time of the last published limit curve; 0 before the first").register(registry);
        this.unknownRuns = Counter.builder("fourmu.events.unknown.run")
                .description("Events whose run was not (yet) on fourmu.runs: nominal beams used").register(registry);
    }

    /** Count one event's passage through the chain: every stage before the failing one passed. */
    public void cutFlow(EventSelection.Outcome outcome) {
        if (outcome.trigger() != null && outcome.trigger().fromRecordedBits()) {
            (outcome.trigger().emulationAgrees() ? triggerAgrees : triggerDisagrees).increment();
        }
        for (Stage s : Stage.values()) {
            if (outcome.failedAt() == s) {
                stageFailed.get(s).increment();
                return;
            }
            stagePassed.get(s).increment();
        }
        candidates.increment(outcome.candidates().size());
    }

    /** One candidate scored by its range's MLP: passed or dropped by the mass-dependent cut. */
    public void mlpOutcome(int range, boolean passed) {
        mlpOutcomes[range][passed ? 1 : 0].increment();
    }

    public double mlpOutcomes(int range, boolean passed) {
        return mlpOutcomes[range][passed ? 1 : 0].count();
    }

    public double cutFlowPassed(Stage stage) {
        return stagePassed.get(stage).count();
    }

    public double cutFlowFailed(Stage stage) {
        return stageFailed.get(stage).count();
    }

    public double triggerAgreement(boolean agrees) {
        return (agrees ? triggerAgrees : triggerDisagrees).count();
    }

    /** One segment scanned: its number of fits and duration. */
    public void scanned(int fits, double seconds) {
        scanFits.increment(fits);
        scanDuration.record(java.time.Duration.ofNanos((long) (seconds * 1e9)));
    }

    public double scanFits() {
        return scanFits.count();
    }

    /** A limit curve was published. */
    public void limitsPublished(double maxLocal, double global, double lumiInvFb, long wallClockMillis) {
        latestLimits.set(new double[] {maxLocal, global, lumiInvFb, wallClockMillis / 1e3});
    }

    /**
     * The limits of a published curve at the benchmark masses: at the scan point nearest each, if it lies within
     * one mass resolution (else NaN, e.g. in the J/psi veto); the expected limit is the median. The expected
     * coupling limit is g_obs sqrt(sigma_exp / sigma_obs): sigma x B scales as the coupling squared at fixed
     * mass (the branching fractions do not depend on it).
     */
    public void benchmarkLimits(LimitCurve curve) {
        for (int b = 0; b < benchmarkMassesGeV.size(); b++) {
            MassPoint p = nearest(curve.getPoints(), benchmarkMassesGeV.get(b));
            for (int m = 0; m < MODELS.size(); m++) {
                double[] v = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
                if (p != null) {
                    boolean zprime = MODELS.get(m).equals(LmuLtauZPrime.NAME);
                    double observed = zprime ? p.getXsecLimitZPrime() : p.getXsecLimitScalar();
                    List<Double> band = zprime ? p.getExpectedXsecLimitsZPrime() : p.getExpectedXsecLimitsScalar();
                    double coupling = zprime ? p.getCouplingLimitZPrime() : p.getCouplingLimitScalar();
                    // 0 is the records' default before the calibration converts yields to cross sections
                    if (observed > 0) {
                        v[0] = observed;
                        v[2] = coupling > 0 ? coupling : Double.NaN;
                    }
                    if (band.size() == 5 && band.get(2) > 0) {
                        v[1] = band.get(2);
                        v[3] = v[2] * Math.sqrt(v[1] / v[0]);
                    }
                }
                benchmarkLimits[m][b] = v;
            }
        }
    }

    private static MassPoint nearest(List<MassPoint> points, double massGeV) {
        MassPoint best = null;
        for (MassPoint p : points) {
            if (best == null || Math.abs(p.getMass() - massGeV) < Math.abs(best.getMass() - massGeV)) {
                best = p;
            }
        }
        return best != null && Math.abs(best.getMass() - massGeV) <= best.getResolution() ? best : null;
    }

    /** The tag value of a benchmark mass: "1.0", "0.5" (Java's shortest decimal form of the configured number). */
    static String massTag(double massGeV) {
        return Double.toString(massGeV);
    }

    /** The observed (k 0) or expected (1) cross-section limit, observed (2) or expected (3) coupling limit, or NaN. */
    public double benchmarkLimit(String model, double massGeV, int k) {
        return benchmarkLimits[MODELS.indexOf(model)][benchmarkMassesGeV.indexOf(massGeV)][k];
    }

    public List<Double> benchmarkMassesGeV() {
        return benchmarkMassesGeV;
    }

    /** The J/psi monitor this instance's gauges show. */
    public JpsiMonitor jpsi() {
        return jpsi;
    }

    private static double jpsiValue(JpsiMonitor j, java.util.function.ToDoubleFunction<JpsiPeakFit.Result> f) {
        JpsiMonitor.RunPeak latest = j.latest();
        return latest == null ? Double.NaN : f.applyAsDouble(latest.fit());
    }

    /** One event through the per-event chain, {@code latency} after its record timestamp. */
    public void eventLatency(Duration latency) {
        eventLatency.record(latency.isNegative() ? Duration.ZERO : latency);
    }

    public long eventLatencyCount() {
        return eventLatency.count();
    }

    /** A stream thread died with an uncaught exception. */
    public void streamThreadFailed() {
        streamThreadsFailed.increment();
    }

    public double streamThreadsFailed() {
        return streamThreadsFailed.count();
    }

    /**
     * Exposes the Kafka Streams client's state as the gauge {@code fourmu.streams.state}: 1 RUNNING, 0.5
     * REBALANCING, 0 otherwise (created, shutting down, failed), so that one number says whether the search runs.
     */
    public void bindStreamsState(Supplier<KafkaStreams.State> state) {
        Gauge.builder("fourmu.streams.state", state, s -> streamsStateValue(s.get())).strongReference(true)
                .description("Kafka Streams client state: 1 RUNNING, 0.5 REBALANCING, 0 otherwise").register(registry);
    }

    static double streamsStateValue(KafkaStreams.State state) {
        return switch (state) {
            case RUNNING -> 1;
            case REBALANCING -> 0.5;
            default -> 0;
        };
    }

    private static Duration[] durations(double[] seconds) {
        Duration[] d = new Duration[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            d[i] = Duration.ofNanos(Math.round(seconds[i] * 1e9));
        }
        return d;
    }

    public double candidatesSelected() {
        return candidates.count();
    }

    public void unknownRun() {
        unknownRuns.increment();
    }

    public double unknownRunCount() {
        return unknownRuns.count();
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void eventIn() {
        eventsIn.increment();
    }

    public void deadLetter(DeadLetterReason reason) {
        deadLetters.get(reason).increment();
    }

    public double deadLetters(DeadLetterReason reason) {
        return deadLetters.get(reason).count();
    }

    public double eventsIn() {
        return eventsIn.count();
    }
}
