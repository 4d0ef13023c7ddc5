package org.fourmu.app.command;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.fourmu.topology.security.KafkaClientProperties;
import org.fourmu.topology.serde.RegistryAvroSerde;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.nio.file.Path;
import org.apache.avro.file.DataFileWriter;
import org.fourmu.app.dataset.DatasetManifest;
import org.fourmu.app.dataset.DatasetWriter;
import org.fourmu.app.dataset.RunFiles;
import org.fourmu.avro.Event;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.simulation.detector.FastDetector;
import org.fourmu.simulation.detector.SimulatedProcess;
import org.fourmu.simulation.generator.EventGenerator;
import org.fourmu.simulation.mix.MixProcesses;
import org.fourmu.simulation.skim.FourTrackSkim;
import org.fourmu.topology.events.EventMapper;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `fourmu simulate`: generated events through the fast detector, written as Avro {@code Event} records. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Generate events of a process, pass them through the fast Belle II-like detector and write Avro Event records.")
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--process", required = true,
        description = "mumu, zprime, scalar, mumumumu, mumugamma, eemumu; cheap processes bhabha, tautau, qqbar, bbbar, jpsipipi;"
            + " or a mix at cross-section ratios: mix (everything), enriched (4mu, eemumu, mumugamma, jpsipipi),"
            + " realistic (every process once at its rate: mix without mumu, whose four-track events are mumugamma's)")
    String process;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Amount amount;

    static final class Amount {
        @Option(names = "--lumi", description = "integrated luminosity in fb^-1 (events = cross section x luminosity)")
        Double lumiInvFb;

        @Option(names = "--events", description = "number of events")
        Long events;
    }

    @Option(names = "--mass", defaultValue = "3.0", description = "X mass in GeV (signal models; default ${DEFAULT-VALUE})")
    double massGeV;

    @Option(names = "--coupling", defaultValue = "0.01", description = "coupling g (signal models; default ${DEFAULT-VALUE})")
    double coupling;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--experiment", defaultValue = "0", description = "experiment number written to the events")
    int experiment;

    @Option(names = "--run", defaultValue = "1", description = "run number written to the events")
    int run;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Destination destination;

    static final class Destination {
        @Option(names = "--out", description = "output Avro container file (.avro)")
        File out;

        @Option(names = "--topic", description = "Kafka topic to produce to (with --bootstrap-servers and --schema-registry-url)")
        String topic;

        @Option(names = "--dataset", description = "output dataset directory: one Avro file per run and manifest.json "
            + "(with --lumi; replay it with 'fourmu replay')")
        Path dataset;
    }

    @Option(names = "--run-lumi", defaultValue = "2.0", description = "luminosity per run in fb^-1 (with --dataset; default ${DEFAULT-VALUE})")
    double runLumi;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (with --topic)")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", description = "Confluent-API schema registry (with --topic)")
    String schemaRegistryUrl;

    @Mixin
    ClientSecurityOptions security = new ClientSecurityOptions();

    @Option(names = "--chunk", defaultValue = "2000", hidden = true, description = "events per parallel chunk")
    int chunk;

    @Override
    public Integer call() throws IOException {
        if (amount.lumiInvFb != null && !(amount.lumiInvFb > 0)) {
            throw new IllegalArgumentException("--lumi must be a positive luminosity in fb^-1, got " + amount.lumiInvFb);
        }
        if (amount.events != null && amount.events < 0) {
            throw new IllegalArgumentException("--events must not be negative, got " + amount.events);
        }
        EventGenerator generator = MixProcesses.generator(process, massGeV, coupling, seed);
        if (destination.dataset != null) {
            return writeDataset(generator);
        }
        long events = amount.events != null ? amount.events
            : Math.round(generator.crossSection().valueFb() * amount.lumiInvFb);
        if (amount.lumiInvFb != null) {
            System.err.printf("%s: sigma = %s -> %d events for %.4g fb^-1%n", process, generator.crossSection(), events, amount.lumiInvFb);
        }
        SimulatedProcess simulated = new SimulatedProcess(generator, FastDetector.nominal(), experiment, run,
            BeamConditions.NOMINAL, seed);
        long start = System.nanoTime();
        ProgressBar bar = new ProgressBar("events", events);
        try (EventSink sink = destination.out != null ? new FileSink(destination.out) : kafkaSink()) {
            for (long first = 0; first < events; first += chunk) {
                int count = (int) Math.min(chunk, events - first);
                List<RecordedEvent> batch = simulated.range(first, count);
                for (RecordedEvent e : batch) {
                    sink.write(e);
                }
                bar.update(first + count);
            }
        }
        bar.done();
        double seconds = (System.nanoTime() - start) * 1e-9;
        System.err.printf("wrote %d events to %s in %.1f s (%.0f events/s)%n", events,
            destination.out != null ? destination.out : "topic " + destination.topic, seconds, events / Math.max(seconds, 1e-9));
        return 0;
    }

    @Option(names = "--skim", description = "with --dataset: keep only events that can pass the selection's first stages "
        + "(exactly four tracks, zero charge, M(4mu) in 10-11 GeV; FourTrackSkim); a mix is generated process by process "
        + "and the manifest records each one's cross section, generated luminosity and events, and events kept")
    boolean skim;

    @Option(names = "--process-lumi", paramLabel = "PROCESS=FB", description = "with --skim: generate this process of the "
        + "mix at a smaller luminosity in fb^-1 (its rate makes the full one too slow); recorded in the manifest, "
        + "to be scaled by the dataset's luminosity over this one")
    Map<String, Double> processLumi = new java.util.LinkedHashMap<>();

    @Option(names = "--oversample", paramLabel = "PROCESS=K", description = "with --skim: pass each generator event of this "
        + "process through the detector K times, as K consecutive events with their own detector response (a process whose "
        + "generator costs far more than the few events the skim keeps; the events are correlated through their generator "
        + "event); recorded in the manifest")
    Map<String, Integer> oversample = new java.util.LinkedHashMap<>();

    /**
     * One process of a simulated dataset: its generator, the luminosity generated of it, its events' numbering,
     * the detector passes per generator event.
     */
    private record Source(EventGenerator generator, double lumiInvFb, int ordinal, int count, int oversampling) {
        /** Events of this process up to the given fraction of the dataset's luminosity. */
        long eventsAt(double lumiFraction) {
            return Math.round(generator.crossSection().valueFb() * lumiInvFb * lumiFraction);
        }

        /** Event numbers interleave the processes so that they stay unique within a run. */
        long eventNumber(long index) {
            return index * count + ordinal;
        }
    }

    /**
     * A simulated dataset: the luminosity cut into runs of --run-lumi, each run's events (cross section x its
     * luminosity) in its own file, with nominal beams and a RunInfo per run, as `fourmu record` would write.
     * With --skim, each process of a mix is generated on its own (at --process-lumi if given), only events
     * passing {@link FourTrackSkim} are written, in event-number order within a run, and the manifest records the
     * per-process accounting.
     */
    private int writeDataset(EventGenerator generator) throws IOException {
        if (amount.lumiInvFb == null || !(amount.lumiInvFb > 0)) {
            throw new IllegalArgumentException("--dataset needs --lumi (fb^-1) > 0");
        }
        if (!(runLumi > 0)) {
            throw new IllegalArgumentException("--run-lumi must be > 0, got " + runLumi);
        }
        if (!skim && !processLumi.isEmpty()) {
            throw new IllegalArgumentException("--process-lumi needs --skim");
        }
        if (!skim && !oversample.isEmpty()) {
            throw new IllegalArgumentException("--oversample needs --skim");
        }
        double lumi = amount.lumiInvFb;
        int runs = (int) Math.ceil(lumi / runLumi - 1e-9);
        List<EventGenerator> generators = skim ? MixProcesses.components(process, massGeV, coupling, seed) : List.of(generator);
        List<Source> sources = new java.util.ArrayList<>();
        for (EventGenerator g : generators) {
            double l = processLumi.getOrDefault(g.process(), lumi);
            if (!(l > 0 && l <= lumi)) {
                throw new IllegalArgumentException("--process-lumi " + g.process() + "=" + l + ": must be in (0, " + lumi + "]");
            }
            int k = oversample.getOrDefault(g.process(), 1);
            if (k < 1) {
                throw new IllegalArgumentException("--oversample " + g.process() + "=" + k + ": must be >= 1");
            }
            sources.add(new Source(g, l, sources.size(), generators.size(), k));
        }
        requireProcessesOf(generators, "--process-lumi", processLumi.keySet());
        requireProcessesOf(generators, "--oversample", oversample.keySet());
        long total = sources.stream().mapToLong(src -> src.eventsAt(1.0)).sum();
        for (Source src : sources) {
            System.err.printf("%s: sigma = %s -> %d events for %.4g fb^-1%s%n", src.generator().process(),
                src.generator().crossSection(), src.eventsAt(1.0), src.lumiInvFb(),
                src.oversampling() > 1 ? ", " + src.oversampling() + " detector passes per generator event" : "");
        }
        System.err.printf("%s: %d events to generate in %d runs of %.4g fb^-1%s%n", process, total, runs, runLumi,
            skim ? ", four-track skim" : "");
        FourTrackSkim fourTracks = FourTrackSkim.paper();
        FastDetector detector = FastDetector.nominal();
        BeamConditions beams = BeamConditions.NOMINAL;
        long start = System.nanoTime();
        // progress in generator events: with oversampling, a process's events cost far less than its generator's
        long generatorEvents = sources.stream().mapToLong(src -> src.eventsAt(1.0) / src.oversampling()).sum();
        ProgressBar bar = new ProgressBar("generator events", generatorEvents);
        long[] kept = new long[sources.size()];
        long done = 0;
        // runs of one hour at the simulated clock's start
        long epoch = 1_700_000_000_000L;
        try (DatasetWriter writer = new DatasetWriter(destination.dataset, destination.dataset.getFileName().toString())) {
            for (int k = 0; k < runs; k++) {
                double runLumiK = Math.min(runLumi, lumi - k * runLumi);
                double from = k * runLumi / lumi;
                double to = Math.min(lumi, k * runLumi + runLumiK) / lumi;
                List<RecordedEvent> runEvents = new java.util.ArrayList<>();
                for (Source src : sources) {
                    SimulatedProcess simulated = new SimulatedProcess(src.generator(), detector, experiment, run + k, beams, seed);
                    long last = src.eventsAt(to);
                    long step = (long) chunk * src.oversampling();
                    for (long i = src.eventsAt(from); i < last; i += step) {
                        long count = Math.min(step, last - i);
                        List<RecordedEvent> events = skim
                            ? simulated.skimmedRange(i, count, fourTracks, src::eventNumber, src.oversampling())
                            : simulated.range(i, (int) count);
                        kept[src.ordinal()] += events.size();
                        if (skim) {
                            runEvents.addAll(events); // written in event-number order below, the processes interleaved
                        } else {
                            for (RecordedEvent e : events) {
                                writer.event(EventMapper.toAvro(e));
                            }
                        }
                        done += count / src.oversampling();
                        bar.update(Math.min(done, generatorEvents));
                    }
                }
                runEvents.sort(java.util.Comparator.comparingLong(RecordedEvent::eventNumber));
                for (RecordedEvent e : runEvents) {
                    writer.event(EventMapper.toAvro(e));
                }
                long runKept = 0;
                for (Source src : sources) {
                    runKept += skim ? 0 : src.eventsAt(to) - src.eventsAt(from);
                }
                runKept += runEvents.size();
                long runStart = epoch + k * 3_600_000L;
                writer.runInfo(org.fourmu.avro.RunInfo.newBuilder().setExperiment(experiment).setRun(run + k)
                    .setState(org.fourmu.avro.RunState.ENDED).setIntegratedLuminosity(runLumiK)
                    .setHerEnergy(beams.herEnergyGeV()).setLerEnergy(beams.lerEnergyGeV())
                    .setHerAngle(beams.herAngleRad()).setLerAngle(beams.lerAngleRad())
                    .setStartMillis(runStart).setStopMillis(runStart + 3_600_000L).setEvents(runKept).build());
            }
            if (skim) {
                List<DatasetManifest.Process> accounting = new java.util.ArrayList<>();
                for (Source src : sources) {
                    accounting.add(new DatasetManifest.Process(src.generator().process(), src.generator().crossSection().valueFb(),
                        src.lumiInvFb(), src.eventsAt(1.0), kept[src.ordinal()], src.oversampling()));
                }
                writer.simulated(FourTrackSkim.DESCRIPTION, accounting);
            }
        }
        bar.done();
        double seconds = (System.nanoTime() - start) * 1e-9;
        long written = java.util.Arrays.stream(kept).sum();
        System.err.printf("wrote %d of %d events in %d runs (%.4g fb^-1) to %s in %.1f s%n", written, total, runs, lumi,
            destination.dataset, seconds);
        if (skim) {
            for (Source src : sources) {
                long n = src.eventsAt(1.0);
                System.err.printf("  %-10s sigma %.4g fb, %.4g fb^-1: %d generated%s, %d kept (%.3g), %.4g expected in %.4g fb^-1%n",
                    src.generator().process(), src.generator().crossSection().valueFb(), src.lumiInvFb(), n,
                    src.oversampling() > 1 ? " (" + (n + src.oversampling() - 1) / src.oversampling() + " generator events x "
                        + src.oversampling() + ")" : "",
                    kept[src.ordinal()], n == 0 ? 0.0 : (double) kept[src.ordinal()] / n,
                    kept[src.ordinal()] * lumi / src.lumiInvFb(), lumi);
            }
        }
        return 0;
    }

    /** Refuses an option naming a process the mix does not have. */
    private void requireProcessesOf(List<EventGenerator> generators, String option, java.util.Set<String> names) {
        for (String name : names) {
            if (generators.stream().noneMatch(g -> g.process().equals(name))) {
                throw new IllegalArgumentException(option + " " + name + ": not a process of " + process);
            }
        }
    }

    /** Where simulated events go. */
    interface EventSink extends AutoCloseable {
        void write(RecordedEvent e) throws IOException;

        @Override
        void close() throws IOException;
    }

    /** An Avro container file (deflate). */
    static final class FileSink implements EventSink {
        private final DataFileWriter<Event> writer;

        FileSink(File out) throws IOException {
            writer = RunFiles.create(out.toPath());
        }

        @Override
        public void write(RecordedEvent e) throws IOException {
            writer.append(EventMapper.toAvro(e));
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }

    private EventSink kafkaSink() throws IOException {
        if (bootstrapServers == null || schemaRegistryUrl == null) {
            throw new IllegalArgumentException("--topic needs --bootstrap-servers and --schema-registry-url");
        }
        KafkaClientProperties kafkaClient = security.kafkaClient();
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                kafkaClient.withBootstrap(bootstrapServers))) {
            if (!admin.listTopics().names().get(30, java.util.concurrent.TimeUnit.SECONDS).contains(destination.topic)) {
                throw new IllegalArgumentException("--topic: topic '" + destination.topic + "' does not exist on " + bootstrapServers);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalArgumentException("--bootstrap-servers: cannot reach Kafka at " + bootstrapServers + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        Map<String, Object> producerConfig = kafkaClient.withBootstrap(bootstrapServers);
        producerConfig.putAll(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000));
        KafkaProducer<String, Event> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
            RegistryAvroSerde.forValues(Event.class, security.registryClient(schemaRegistryUrl)));
        String topic = destination.topic;
        return new EventSink() {
            @Override
            public void write(RecordedEvent e) {
                producer.send(new ProducerRecord<>(topic, e.experiment() + "/" + e.run() + "/" + e.eventNumber(), EventMapper.toAvro(e)));
            }

            @Override
            public void close() {
                producer.close();
            }
        };
    }
}
