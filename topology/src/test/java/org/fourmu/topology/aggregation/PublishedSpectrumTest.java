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
import org.fourmu.physics.spectrum.Histogram;
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
 * The spectrum a limit curve carries, and its count of candidates, count every candidate once, in the 10 MeV
 * bin of its M_R and the MLP range of its mass, although candidates near segment edges and MLP-range
 * boundaries reach the scan as several records (one per segment whose fit windows need them, one per range
 * histogram they fill).
 */
class PublishedSpectrumTest {

    /** The paper's search range and histogram reach, stated here for the independent counts. */
    private static final double SEARCH_LOW_GEV = 0.212;
    private static final double SEARCH_HIGH_GEV = 9.0;
    private static final double REACH_GEV = 0.2;
    private static final double MLP_BOUNDARY_GEV = 1.0;

    @ParameterizedTest(name = "{0} segments")
    @ValueSource(ints = {9, 32, 45})
    void limitCurveSpectrumCountsEachCandidateOnceWhateverTheSegments(int count) {
        MassSegments segments = new MassSegments(SEARCH_LOW_GEV, SEARCH_HIGH_GEV, count, REACH_GEV);
        try (Search search = new Search(segments)) {
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
                    filled.addAll(search.send(i, mass, r));
                }
            }
            assertTrue(filled.size() >= 2, "candidates reach several segments: " + filled);
            LimitCurve curve = search.scanUntilPublished(filled);
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

    /**
     * Candidates on and next to segment edges and the 1 GeV MLP boundary, each passing its own network's cut,
     * the neighbour's, both or neither, routed as the selection routes them (a record per segment whose fit
     * windows reach it, per range histogram it fills): the curve's count, the segments' counts summed and the
     * batch path's count are the candidates counted here from the list, once each if they passed the cut of
     * their own mass's range and lie within reach of a segment. Closer to an MLP boundary than a 0.1 MeV bin of
     * the store, the bin's centre picks the network; the candidates here keep 0.2 MeV away.
     */
    @ParameterizedTest(name = "{0} segments")
    @ValueSource(ints = {9, 32, 45})
    void limitCurveCountsEachSelectedCandidateOnceAtSegmentEdgesAndTheMlpBoundary(int count) {
        MassSegments segments = new MassSegments(SEARCH_LOW_GEV, SEARCH_HIGH_GEV, count, REACH_GEV);
        double width = (SEARCH_HIGH_GEV - SEARCH_LOW_GEV) / count;
        List<Double> masses = new ArrayList<>();
        double[] edgeOffsets = {0, 1e-9, -1e-9, 5e-5, -5e-5, 3e-3, -3e-3, 0.1, -0.1, 0.19, -0.19};
        for (int k = 0; k <= count; k++) {
            double edge = SEARCH_LOW_GEV + k * width;
            if (edge > 0.6 && edge < 1.6 || k == count) {
                for (double d : edgeOffsets) {
                    masses.add(edge + d);
                }
            }
        }
        for (double d : new double[] {2e-4, 1e-3, 5e-3, 0.02, 0.1, 0.19, 0.21}) {
            masses.add(MLP_BOUNDARY_GEV + d);
            masses.add(MLP_BOUNDARY_GEV - d);
        }
        // at the top: inside the last segment's reach, and beyond it (the selection forwards nothing)
        masses.addAll(List.of(9.1, 9.199, 9.201, 9.3));
        masses.removeIf(m -> Math.abs(m - MLP_BOUNDARY_GEV) < 2e-4 || m < 2 * 0.1056583755);
        // two candidates at each mass: the cuts they pass are drawn independently
        masses.addAll(List.copyOf(masses));

        java.util.Random random = new java.util.Random(5 + count);
        long expected = 0;
        Map<Integer, Long> recordsPerSegment = new TreeMap<>();
        Histogram[] batch = new Histogram[MlpRange.values().length + 1];
        for (int r = 1; r < batch.length; r++) {
            batch[r] = Histogram.reducedMass();
        }
        try (Search search = new Search(segments)) {
            for (int i = 0; i < masses.size(); i++) {
                double mass = masses.get(i);
                // the MLP ranges meet at 1 GeV (and at 3.75 GeV and above, far from these candidates)
                boolean top = mass > 8.25;
                MlpRange own = top ? MlpRange.R5 : mass < MLP_BOUNDARY_GEV ? MlpRange.R1 : MlpRange.R2;
                MlpRange neighbour = own == MlpRange.R1 ? MlpRange.R2 : MlpRange.R1;
                boolean nearBoundary = !top && Math.abs(mass - MLP_BOUNDARY_GEV) < REACH_GEV;
                boolean passesOwn = random.nextInt(4) != 0;
                boolean passesNeighbour = nearBoundary && random.nextBoolean();
                boolean held = mass >= SEARCH_LOW_GEV - REACH_GEV && mass < SEARCH_HIGH_GEV + REACH_GEV;
                expected += passesOwn && held ? 1 : 0;
                for (MlpRange r : passesNeighbour ? List.of(own, neighbour) : List.of(own)) {
                    if (r == own && !passesOwn) {
                        continue;
                    }
                    for (int segment : search.send(i, mass, r)) {
                        recordsPerSegment.merge(segment, 1L, Long::sum);
                    }
                    if (held) {
                        batch[r.number()].fill(CandidateBuilder.reducedMass(mass));
                    }
                }
            }
            assertTrue(expected > 40, expected + " candidates");
            LimitCurve curve = search.scanUntilPublished(recordsPerSegment.keySet());
            long records = recordsPerSegment.values().stream().mapToLong(Long::longValue).sum();
            assertTrue(records > expected, "the overlaps give more records (" + records + ") than candidates");
            assertEquals(expected, curve.getCandidates(), "distinct candidates, each once");
            assertEquals(expected, PublishedSpectrum.entries(curve.getSpectrum()), "the spectrum says the same");
            Map<Integer, Long> entries = new TreeMap<>();
            long owned = 0;
            for (ScanSegment s : search.latest.values()) {
                entries.put(s.getSegment(), s.getHistogramEntries());
                owned += s.getCandidates();
            }
            assertEquals(recordsPerSegment, entries, "each segment's histogram entries are the records it received");
            assertEquals(records, curve.getHistogramEntries(), "the curve's histogram entries are all records");
            assertEquals(expected, owned, "the segments' own candidates partition the curve's");
            // the batch path: whole histograms per range, no segments
            List<SpectrumBin> batchSpectrum = PublishedSpectrum.ofHistograms(r -> batch[r]);
            assertEquals(expected, PublishedSpectrum.entries(batchSpectrum));
            assertEquals(curve.getSpectrum(), batchSpectrum, "batch and stream publish the same spectrum");
        }
    }

    /** The topology over some segmentation in a test driver, fed on {@code fourmu.candidates}. */
    private static final class Search implements AutoCloseable {

        private final MassSegments segments;
        private final SchemaRegistryServer registry;
        private final TopologyTestDriver driver;
        private final TestInputTopic<Integer, Candidate> in;
        private final TestOutputTopic<Integer, ScanSegment> scans;
        private final TestOutputTopic<String, LimitCurve> limits;
        /** The latest scan of every segment published so far. */
        final Map<Integer, ScanSegment> latest = new TreeMap<>();

        Search(MassSegments segments) {
            this.segments = segments;
            SearchTopology.Analysis paper = SearchTopology.Analysis.paper(null, "spectrum-test");
            SearchTopology.Analysis analysis = new SearchTopology.Analysis(paper.analysisId(), paper.selection(), paper.mlp(),
                    segments, paper.scan(), paper.calibrationId(), paper.scanInterval(), paper.limitConversions());
            registry = SchemaRegistryServer.start(new InMemorySchemaStore(), "127.0.0.1", 0);
            SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
            RegistryAvroSerde<Candidate> candidateSerde = RegistryAvroSerde.forValues(Candidate.class, client);
            RegistryAvroSerde<ScanSegment> scanSerde = RegistryAvroSerde.forValues(ScanSegment.class, client);
            RegistryAvroSerde<LimitCurve> limitSerde = RegistryAvroSerde.forValues(LimitCurve.class, client);
            SearchTopology.WireSerdes serdes = new SearchTopology.WireSerdes(RegistryAvroSerde.forValues(Event.class, client),
                    RegistryAvroSerde.forValues(DeadLetter.class, client), candidateSerde,
                    RegistryAvroSerde.forValues(RunInfo.class, client), scanSerde, limitSerde,
                    RegistryAvroSerde.forValues(org.fourmu.avro.JpsiRunFit.class, client));
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "spectrum-test");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            driver = new TopologyTestDriver(SearchTopology.build(analysis, serdes, new SearchMetrics(new SimpleMeterRegistry())),
                    props);
            in = driver.createInputTopic(Topics.CANDIDATES, Serdes.Integer().serializer(), candidateSerde);
            scans = driver.createOutputTopic(Topics.SCAN, Serdes.Integer().deserializer(), scanSerde);
            limits = driver.createOutputTopic(Topics.LIMITS, Serdes.String().deserializer(), limitSerde);
        }

        /** The records of one candidate for the histogram of {@code range}, one per segment needing it; those segments. */
        List<Integer> send(int event, double mass, MlpRange range) {
            List<Integer> to = segments.segmentsNeeding(mass);
            for (int segment : to) {
                in.pipeInput(segment, candidate(event, mass, CandidateBuilder.reducedMass(mass), range, segment), 1_000L * event);
            }
            return to;
        }

        /** Advance the wall clock until every segment of {@code filled} is scanned; the curve assembled last. */
        LimitCurve scanUntilPublished(Set<Integer> filled) {
            List<LimitCurve> curves = new ArrayList<>();
            for (int step = 0; step < 40 && !latest.keySet().containsAll(filled); step++) {
                driver.advanceWallClockTime(Duration.ofSeconds(6));
                scans.readValuesToList().forEach(s -> latest.put(s.getSegment(), s));
                curves.addAll(limits.readValuesToList());
            }
            driver.advanceWallClockTime(Duration.ofSeconds(6));
            curves.addAll(limits.readValuesToList());
            assertEquals(filled, latest.keySet(), "every filled segment scanned");
            return curves.get(curves.size() - 1);
        }

        @Override
        public void close() {
            driver.close();
            registry.close();
        }
    }

    private static Candidate candidate(int event, double mass, double reduced, MlpRange range, int segment) {
        return Candidate.newBuilder().setExperiment(26).setRun(1).setEventNumber(event).setPairIndex(0).setMass(mass)
                .setReducedMass(reduced).setMassBeforeFit(mass).setFitChi2(1.0).setMlpRange(range.number()).setMlpScore(Double.NaN)
                .setFeatures(List.of()).setSegment(segment).setCalibrationId("spectrum-test").build();
    }
}
