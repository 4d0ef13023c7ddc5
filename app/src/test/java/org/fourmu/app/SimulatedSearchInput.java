package org.fourmu.app;

import java.util.ArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.fourmu.avro.Event;
import org.fourmu.topology.events.EventMapper;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.serde.RegistryAvroSerde;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.fourmu.avro.RunInfo;
import org.fourmu.avro.RunState;
import org.fourmu.physics.candidates.Candidate;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.fit.FitScan;
import org.fourmu.physics.fit.JpsiPeakFit;
import org.fourmu.physics.selection.EventSelection;
import org.fourmu.physics.selection.Stage;
import org.fourmu.physics.spectrum.Histogram;
import org.fourmu.simulation.calibration.PidCalibration;
import org.fourmu.simulation.detector.FastDetector;
import org.fourmu.simulation.detector.SimulatedProcess;
import org.fourmu.simulation.mix.MixProcesses;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.processors.MassSegments;

/**
 * A small simulated input for the streaming search (four-muon background in run 1, a 5.3 GeV Z'
 * in run 2) and what the batch path makes of it: the same selection applied event by event, and
 * one reduced-mass histogram per MLP range.
 */
final class SimulatedSearchInput {

    static final int EXPERIMENT = 26;
    static final double LUMI_PER_RUN = 0.5;

    final SearchTopology.Analysis analysis;
    final List<RecordedEvent> events = new ArrayList<>();
    final List<RunInfo> runs = new ArrayList<>();
    /** Every candidate of the batch selection, per MLP range. */
    final Map<Integer, Histogram> byRange = new HashMap<>();
    /** Candidates the topology keeps (in the reach of some segment), per MLP range; for run 2 only. */
    final Map<Integer, Histogram> keptByRange = new HashMap<>();
    final Map<Integer, Histogram> keptRun2ByRange = new HashMap<>();
    /** Candidate records the segments receive (a candidate near a segment edge counts in both). */
    long segmentEntries;
    /**
     * Candidates in the histogram of their own MLP range and in reach of a segment: what the automatic spectrum shows
     * and the limit curve's candidates, each once.
     */
    long keptInOwnRange;
    final TreeSet<Integer> segmentsWithCandidates = new TreeSet<>();
    long selectedEvents;
    long candidates;
    /** Per run: the muon-pair masses of the triggered events in the J/psi monitor's window, and the candidates. */
    final Map<Integer, Histogram> jpsiPairsByRun = new HashMap<>();
    final Map<Integer, Long> candidatesByRun = new HashMap<>();

    SimulatedSearchInput(int background, int signal) {
        analysis = analysis();
        events.addAll(new SimulatedProcess(MixProcesses.generator("mumumumu", 0, 0, 7), FastDetector.nominal(), EXPERIMENT, 1,
                BeamConditions.NOMINAL, 7).range(0, background));
        events.addAll(new SimulatedProcess(MixProcesses.generator("zprime", 5.3, 0.05, 8), FastDetector.nominal(), EXPERIMENT, 2,
                BeamConditions.NOMINAL, 8).range(0, signal));
        for (int run = 1; run <= 2; run++) {
            int r = run;
            runs.add(RunInfo.newBuilder().setExperiment(EXPERIMENT).setRun(run).setState(RunState.ENDED)
                    .setIntegratedLuminosity(LUMI_PER_RUN).setEvents(events.stream().filter(e -> e.run() == r).count())
                    .setHerEnergy(BeamConditions.NOMINAL.herEnergyGeV()).setLerEnergy(BeamConditions.NOMINAL.lerEnergyGeV())
                    .setHerAngle(BeamConditions.NOMINAL.herAngleRad()).setLerAngle(BeamConditions.NOMINAL.lerAngleRad())
                    .setStartMillis(0).setStopMillis(1L).build());
        }
        for (RecordedEvent e : events) {
            EventSelection.Outcome outcome = analysis.selection().apply(e, BeamConditions.NOMINAL);
            selectedEvents += outcome.passed() ? 1 : 0;
            if (outcome.failedAt() != Stage.TRIGGER) {
                Histogram pairs = jpsiPairsByRun.computeIfAbsent(e.run(), r -> JpsiPeakFit.histogram());
                for (double m : outcome.muonPairMassesGeV()) {
                    if (m >= JpsiPeakFit.LOW_GEV && m < JpsiPeakFit.HIGH_GEV) {
                        pairs.fill(m);
                    }
                }
            }
            candidatesByRun.merge(e.run(), (long) outcome.candidates().size(), Long::sum);
            for (Candidate c : outcome.candidates()) {
                candidates++;
                List<Integer> segments = MassSegments.DEFAULT.segmentsNeeding(c.massGeV());
                // near an MLP-range boundary a candidate fills both ranges' histograms (paper Sec. V)
                for (org.fourmu.physics.candidates.MlpRange r : analysis.histogramRanges(c)) {
                    int range = r.number();
                    if (r == c.mlpRange() && !segments.isEmpty()) {
                        keptInOwnRange++;
                    }
                    byRange.computeIfAbsent(range, k -> Histogram.reducedMass()).fill(c.reducedMassGeV());
                    if (!segments.isEmpty()) {
                        keptByRange.computeIfAbsent(range, k -> Histogram.reducedMass()).fill(c.reducedMassGeV());
                        if (e.run() == 2) {
                            keptRun2ByRange.computeIfAbsent(range, k -> Histogram.reducedMass()).fill(c.reducedMassGeV());
                        }
                    }
                    segmentEntries += segments.size();
                }
                segmentsWithCandidates.addAll(segments);
            }
        }
    }

    /**
     * The analysis of this input: the paper's selection with PID from a small calibration, and the paper's scan
     * over 4.5-6.5 GeV only (a few hundred fits, across the 6.25 GeV MLP-range boundary): the machinery is the
     * same for every mass, and the whole scan would cost the tests their time limit.
     */
    static SearchTopology.Analysis analysis() {
        SearchTopology.Analysis paper = SearchTopology.Analysis.paper(PidCalibration.build(FastDetector.nominal(), 5000, 1),
                "equivalence");
        FitScan p = paper.scan();
        FitScan scan = new FitScan(p.shapes(), 4.5, 6.5, p.windowInResolutions(), p.vetoLowGeV(), p.vetoHighGeV(),
                p.yieldScale(), p.relSystematic(), p.cl());
        return new SearchTopology.Analysis(paper.analysisId(), paper.selection(), paper.mlp(), paper.segments(), scan,
                paper.calibrationId(), java.time.Duration.ofSeconds(1), paper.limitConversions());
    }

    Histogram histogram(Map<Integer, Histogram> byRange, int range) {
        return byRange.getOrDefault(range, Histogram.reducedMass());
    }

    /** Topics created with the given partitions and the runs published first: the global store has them before any event. */
    void prepareBroker(String bootstrap, int partitions, SearchTopology.WireSerdes serdes) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            org.fourmu.topology.Topics.createMissing(admin, partitions, (short) 1);
        }
        try (KafkaProducer<String, RunInfo> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap), new StringSerializer(), serdes.runs().serializer())) {
            for (RunInfo r : runs) {
                producer.send(new ProducerRecord<>(org.fourmu.topology.Topics.RUNS, r.getExperiment() + "/" + r.getRun(), r));
            }
        }
    }

    /** Events to fourmu.events, keyed experiment/run/event. */
    static void publish(String bootstrap, SchemaRegistryClient client, List<RecordedEvent> events) {
        RegistryAvroSerde<Event> serde = RegistryAvroSerde.forValues(Event.class, client);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer())) {
            for (RecordedEvent e : events) {
                producer.send(new ProducerRecord<>(org.fourmu.topology.Topics.EVENTS, e.experiment() + "/" + e.run() + "/" + e.eventNumber(),
                        serde.serialize(org.fourmu.topology.Topics.EVENTS, EventMapper.toAvro(e))));
            }
        }
    }
}
