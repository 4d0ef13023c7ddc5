package org.fourmu.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.fourmu.avro.LimitCurve;
import org.fourmu.avro.MassPoint;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.simulation.calibration.PidCalibration;
import org.fourmu.simulation.datataking.DataTakingConfig;
import org.fourmu.simulation.datataking.DataTakingSource;
import org.fourmu.simulation.datataking.InjectedSignal;
import org.fourmu.simulation.datataking.RunRecord;
import org.fourmu.simulation.detector.FastDetector;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.Topics;
import org.fourmu.topology.events.EventMapper;
import org.fourmu.topology.metrics.SearchMetrics;
import org.fourmu.topology.registry.InMemorySchemaStore;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's promise, without the broker: simulated data taking with an injected Z' feeds the topology,
 * and the local significance at the injected mass grows as luminosity accumulates (about as its square
 * root), until the largest excess of the scan sits at the injected mass.
 */
class InjectedSignalTest {

    @TempDir
    java.nio.file.Path stateDir;

    private static final double MASS = 5.3;

    @Test
    void localSignificanceAtTheInjectedMassGrowsWithLuminosity() {
        FastDetector detector = FastDetector.nominal();
        // 0.4 fb^-1 per one-second slice; the demo's default: g' = 0.03 (0.37 MeV wide) at strength 100, sigma x B = 41 fb
        DataTakingConfig config = new DataTakingConfig(26, 1, 4e34, 10, 1.0, List.of("mumumumu"), 10_000,
                Optional.of(new InjectedSignal("zprime", MASS, 0.03, 100)), BeamConditions.NOMINAL, 1_700_000_000_000L, 11);
        DataTakingSource source = new DataTakingSource(config, detector);
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(new InMemorySchemaStore(), "127.0.0.1", 0)) {
            SearchTopology.WireSerdes serdes = SearchTopology.WireSerdes.of(new SchemaRegistryClient(registry.url()));
            SearchTopology.Analysis analysis = SearchTopology.Analysis.paper(PidCalibration.build(detector, 20_000, 1), "test");
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "injected-signal");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            try (TopologyTestDriver driver = new TopologyTestDriver(
                    SearchTopology.build(analysis, serdes, new SearchMetrics(new SimpleMeterRegistry())), props)) {
                TestInputTopic<String, org.fourmu.avro.Event> events = driver.createInputTopic(Topics.EVENTS,
                        Serdes.String().serializer(), serdes.events().serializer());
                TestInputTopic<String, org.fourmu.avro.RunInfo> runs = driver.createInputTopic(Topics.RUNS,
                        Serdes.String().serializer(), serdes.runs().serializer());
                TestOutputTopic<String, LimitCurve> limits = driver.createOutputTopic(Topics.LIMITS,
                        Serdes.String().deserializer(), serdes.limits().deserializer());

                Map<Integer, Long> eventsPerRun = new HashMap<>();
                LimitCurve early = takeData(source, 2, eventsPerRun, events, runs, driver, limits);
                LimitCurve late = takeData(source, 8, eventsPerRun, events, runs, driver, limits);

                assertEquals(0.8, early.getIntegratedLuminosity(), 1e-9);
                assertEquals(4.0, late.getIntegratedLuminosity(), 1e-9);
                long published = eventsPerRun.values().stream().mapToLong(Long::longValue).sum();
                assertEquals(published, late.getEvents(), "the run snapshots count every event recorded");
                double zEarly = significanceNear(early, MASS);
                double zLate = significanceNear(late, MASS);
                System.out.printf("Z(%.1f GeV) = %.2f at %.1f fb^-1, %.2f at %.1f fb^-1; max %.2f at %.4f GeV, global %.2f%n", MASS, zEarly, early.getIntegratedLuminosity(), zLate, late.getIntegratedLuminosity(), late.getMaxLocalSignificance(), late.getMaxLocalSignificanceMass(), late.getGlobalSignificance());
                // five times the luminosity: sqrt(5) = 2.2 times the significance expected
                assertTrue(zLate > 4, "local significance at " + MASS + " GeV after 4 fb^-1: " + zLate);
                assertTrue(zLate > 1.5 * zEarly, "significance grows with luminosity: " + zEarly + " -> " + zLate);
                assertEquals(MASS, late.getMaxLocalSignificanceMass(), 0.02, "the largest excess is the injected signal");
                assertTrue(late.getGlobalSignificance() > 0 && late.getGlobalSignificance() < zLate);
            }
        }
    }

    /** Publishes the next slices and their run snapshots, lets the scan run, returns the latest curve. */
    private static LimitCurve takeData(DataTakingSource source, int slices, Map<Integer, Long> eventsPerRun,
                                       TestInputTopic<String, org.fourmu.avro.Event> events,
                                       TestInputTopic<String, org.fourmu.avro.RunInfo> runs,
                                       TopologyTestDriver driver, TestOutputTopic<String, LimitCurve> limits) {
        for (int i = 0; i < slices; i++) {
            DataTakingSource.Slice slice = source.next();
            RunRecord run = slice.run();
            // the run snapshot first, so that the events find their beams
            long inRun = eventsPerRun.merge(run.run(), (long) slice.events().size(), Long::sum);
            runs.pipeInput(run.experiment() + "/" + run.run(), DataTakingLoop.runInfo(run, inRun));
            for (RecordedEvent e : slice.events()) {
                events.pipeInput(e.experiment() + "/" + e.run() + "/" + e.eventNumber(), EventMapper.toAvro(e));
            }
        }
        driver.advanceWallClockTime(Duration.ofSeconds(6));
        driver.advanceWallClockTime(Duration.ofSeconds(6));
        List<LimitCurve> curves = limits.readValuesToList();
        assertTrue(!curves.isEmpty(), "a limit curve after the scan interval");
        return curves.get(curves.size() - 1);
    }

    private static double significanceNear(LimitCurve curve, double mass) {
        return curve.getPoints().stream().filter(p -> Math.abs(p.getMass() - mass) < 0.01)
                .map(MassPoint::getLocalSignificance).max(Comparator.naturalOrder()).orElseThrow();
    }
}
