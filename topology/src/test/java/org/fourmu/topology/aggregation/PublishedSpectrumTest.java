package org.fourmu.topology.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.fourmu.avro.Candidate;
import org.fourmu.avro.DeadLetter;
import org.fourmu.avro.Event;
import org.fourmu.avro.LimitCurve;
import org.fourmu.avro.RunInfo;
import org.fourmu.avro.ScanSegment;
import org.fourmu.avro.SpectrumBin;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.candidates.MlpRange;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.Topics;
import org.fourmu.topology.metrics.SearchMetrics;
import org.fourmu.topology.processors.MassSegments;
import org.fourmu.topology.registry.InMemorySchemaStore;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.fourmu.topology.serde.RegistryAvroSerde;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The spectrum a limit curve carries counts every candidate once, in the 10 MeV bin of its M_R and the MLP
 * range of its mass, although candidates near segment edges and MLP-range boundaries reach the scan as
 * several records (one per segment whose fit windows need them, one per range histogram they fill).
 */
class PublishedSpectrumTest {

    @ParameterizedTest(name = "{0} segments")
    @ValueSource(ints = {9, 32, 45})
    void limitCurveSpectrumCountsEachCandidateOnceWhateverTheSegments(int count) {
        MassSegments segments = new MassSegments(0.212, 9.0, count, MassSegments.HISTOGRAM_REACH_GEV);
        SearchTopology.Analysis paper = SearchTopology.Analysis.paper(null, "spectrum-test");
        SearchTopology.Analysis analysis = new SearchTopology.Analysis(paper.analysisId(), paper.selection(), paper.mlp(), segments,
                paper.scan(), paper.calibrationId(), paper.scanInterval(), paper.limitConversions());
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(new InMemorySchemaStore(), "127.0.0.1", 0)) {
            SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
            RegistryAvroSerde<Candidate> candidateSerde = RegistryAvroSerde.forValues(Candidate.class, client);
            RegistryAvroSerde<ScanSegment> scanSerde = RegistryAvroSerde.forValues(ScanSegment.class, client);
            RegistryAvroSerde<LimitCurve> limitSerde = RegistryAvroSerde.forValues(LimitCurve.class, client);
            SearchTopology.WireSerdes serdes = new SearchTopology.WireSerdes(RegistryAvroSerde.forValues(Event.class, client),
                    RegistryAvroSerde.forValues(DeadLetter.class, client), candidateSerde,
                    RegistryAvroSerde.forValues(RunInfo.class, client), scanSerde, limitSerde);
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "spectrum-test");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            try (TopologyTestDriver driver = new TopologyTestDriver(SearchTopology.build(analysis, serdes,
                    new SearchMetrics(new SimpleMeterRegistry())), props)) {
                TestInputTopic<Integer, Candidate> in = driver.createInputTopic(Topics.CANDIDATES, Serdes.Integer().serializer(),
                        candidateSerde);
                TestOutputTopic<Integer, ScanSegment> scans = driver.createOutputTopic(Topics.SCAN, Serdes.Integer().deserializer(),
                        scanSerde);
                TestOutputTopic<String, LimitCurve> limits = driver.createOutputTopic(Topics.LIMITS, Serdes.String().deserializer(),
                        limitSerde);
                // candidates across the MLP boundary at 1 GeV and several segment edges, routed as the selection routes them
                java.util.Random random = new java.util.Random(11 + count);
                Map<String, Long> expected = new TreeMap<>();
                Set<Integer> filled = new HashSet<>();
                int candidates = 400;
                for (int i = 0; i < candidates; i++) {
                    double mass = 0.75 + 0.6 * random.nextDouble();
                    double reduced = CandidateBuilder.reducedMass(mass);
                    // the independent count: M_R in 10 MeV bins from 0, the MLP range of the mass
                    expected.merge(MlpRange.of(mass).number() + "/" + (int) Math.floor(reduced * 100), 1L, Long::sum);
                    for (MlpRange r : MlpRange.values()) {
                        if (r != MlpRange.of(mass) && !(mass >= r.lowGeV() - segments.reachGeV() && mass < r.highGeV() + segments.reachGeV())) {
                            continue;
                        }
                        for (int segment : segments.segmentsNeeding(mass)) {
                            filled.add(segment);
                            in.pipeInput(segment, candidate(i, mass, reduced, r, segment), 1_000L * i);
                        }
                    }
                }
                assertTrue(filled.size() >= 2, "candidates reach several segments: " + filled);
                Set<Integer> published = new HashSet<>();
                List<LimitCurve> curves = new ArrayList<>();
                for (int step = 0; step < 40 && !published.containsAll(filled); step++) {
                    driver.advanceWallClockTime(Duration.ofSeconds(6));
                    scans.readValuesToList().forEach(s -> published.add(s.getSegment()));
                    curves.addAll(limits.readValuesToList());
                }
                driver.advanceWallClockTime(Duration.ofSeconds(6));
                curves.addAll(limits.readValuesToList());
                assertEquals(filled, published, "every filled segment scanned");
                LimitCurve curve = curves.get(curves.size() - 1);
                Map<String, Long> got = new TreeMap<>();
                for (SpectrumBin b : curve.getSpectrum()) {
                    assertEquals(0.01, b.getReducedMassHigh() - b.getReducedMassLow(), 1e-12);
                    assertTrue(b.getEntries() > 0, "only non-empty bins");
                    got.put(b.getMlpRange() + "/" + Math.round(b.getReducedMassLow() * 100), b.getEntries());
                }
                assertEquals(candidates, PublishedSpectrum.entries(curve.getSpectrum()));
                assertEquals(expected, got);
            }
        }
    }

    private static Candidate candidate(int event, double mass, double reduced, MlpRange range, int segment) {
        return Candidate.newBuilder().setExperiment(26).setRun(1).setEventNumber(event).setPairIndex(0).setMass(mass)
                .setReducedMass(reduced).setMassBeforeFit(mass).setFitChi2(1.0).setMlpRange(range.number()).setMlpScore(Double.NaN)
                .setFeatures(List.of()).setSegment(segment).setCalibrationId("spectrum-test").build();
    }
}
