package org.fourmu.simulation.datataking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.simulation.GeneratedEvent;
import org.fourmu.simulation.detector.FastDetector;
import org.fourmu.simulation.generator.EventGenerator;
import org.fourmu.simulation.mix.MixProcesses;

/**
 * Simulated data taking for the demo: runs of fixed length at a constant instantaneous luminosity; in each
 * time slice every process contributes a Poisson number of events with mean sigma x L x dt x scale; events
 * get uniform times in the slice and event numbers in time order, and pass through the fast detector.
 * Deterministic by seed: slice k of run r is the same whatever was asked before. Not thread-safe (one
 * caller advances the clock); each slice is computed in parallel internally.
 */
public final class DataTakingSource {

    /** One time slice: its events in time order and the run snapshot at its end. */
    public record Slice(List<RecordedEvent> events, RunRecord run) {
    }

    private final DataTakingConfig config;
    private final List<EventGenerator> generators = new ArrayList<>();
    private final FastDetector detector;
    private final int slicesPerRun;
    private final long detectorSeed;
    private int run;
    private int slice;
    private long eventsInRun;

    public DataTakingSource(DataTakingConfig config, FastDetector detector) {
        this.config = config;
        this.detector = detector;
        for (String name : config.processes()) {
            generators.add(MixProcesses.generator(name, 0, 0, config.seed()));
        }
        config.signal().ifPresent(s -> generators.add(MixProcesses.generator(s.model(), s.massGeV(), s.coupling(), config.seed())));
        this.slicesPerRun = (int) Math.max(1, Math.round(config.runLengthSeconds() / config.sliceSeconds()));
        this.detectorSeed = detectorSeed(config.seed());
        this.run = config.firstRun();
    }

    /** The fast detector's seed of a data-taking stream with seed {@code seed} (apart from the generators'). */
    public static long detectorSeed(long seed) {
        return Long.rotateLeft(seed, 17) ^ 0xDA7AL;
    }

    /** The generators of the stream (mixed processes, then the signal if any). */
    public List<EventGenerator> generators() {
        return List.copyOf(generators);
    }

    /** Expected events per second of each generator (sigma x L x scale, the signal's times its strength). */
    public double[] ratesPerSecond() {
        double[] rates = new double[generators.size()];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = generators.get(i).crossSection().valueFb() * config.lumiInvFbPerSecond() * config.rateScale();
        }
        // the signal's generator is the last one
        config.signal().ifPresent(s -> rates[rates.length - 1] *= s.strength());
        return rates;
    }

    private long runStartMillis(int runNumber) {
        return config.startMillis() + Math.round((runNumber - config.firstRun()) * config.runLengthSeconds() * 1000);
    }

    private record Pending(int generator, long index, long timeMillis) {
    }

    /** The next time slice; after the last slice of a run the snapshot is STOPPED and the next run begins. */
    public Slice next() {
        double[] rates = ratesPerSecond();
        long sliceStart = runStartMillis(run) + Math.round(slice * config.sliceSeconds() * 1000);
        long sliceMillis = Math.round(config.sliceSeconds() * 1000);
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < generators.size(); i++) {
            UniformRandomProvider rng = RandomStreams.forKeys(config.seed(), run, slice, i);
            double mean = rates[i] * config.sliceSeconds();
            int n = mean > 0 ? PoissonSampler.of(rng, mean).sample() : 0;
            for (int j = 0; j < n; j++) {
                // generator index unique per (run, slice, j): 2^20 slices per run, 2^20 events per slice and process
                long index = ((long) run << 40) | ((long) slice << 20) | j;
                pending.add(new Pending(i, index, sliceStart + (long) (rng.nextDouble() * sliceMillis)));
            }
        }
        pending.sort(Comparator.comparingLong(Pending::timeMillis).thenComparingInt(Pending::generator).thenComparingLong(Pending::index));
        long firstNumber = eventsInRun;
        RecordedEvent[] events = new RecordedEvent[pending.size()];
        int runNumber = run;
        IntStream.range(0, events.length).parallel().forEach(k -> {
            Pending p = pending.get(k);
            GeneratedEvent g = generators.get(p.generator()).generate(p.index());
            events[k] = detector.simulate(g, config.experiment(), runNumber, firstNumber + k, p.timeMillis(), config.beams(), detectorSeed);
        });
        eventsInRun += events.length;
        slice++;
        // the effective luminosity of the events produced: delivered luminosity times the rate scale
        double lumi = config.lumiInvFbPerSecond() * config.rateScale() * slice * config.sliceSeconds();
        long now = sliceStart + sliceMillis;
        RunState state = slice >= slicesPerRun ? RunState.STOPPED : RunState.RUNNING;
        RunRecord record = new RunRecord(config.experiment(), run, lumi, config.beams(), runStartMillis(run), now, state);
        if (state == RunState.STOPPED) {
            run++;
            slice = 0;
            eventsInRun = 0;
        }
        return new Slice(List.of(events), record);
    }
}
