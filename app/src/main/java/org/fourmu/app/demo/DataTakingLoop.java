package org.fourmu.app.demo;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.fourmu.avro.Event;
import org.fourmu.avro.RunInfo;
import org.fourmu.avro.RunState;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.simulation.datataking.DataTakingSource;
import org.fourmu.simulation.datataking.RunRecord;
import org.fourmu.topology.Topics;
import org.fourmu.topology.events.EventMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emulates data taking in real time: each simulated time slice of the source is published to
 * {@code fourmu.events} (keyed experiment/run/event) when its wall-clock time comes, followed by
 * the run's {@code RunInfo} on {@code fourmu.runs}.
 */
public final class DataTakingLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DataTakingLoop.class);

    private final DataTakingSource source;
    private final double sliceSeconds;
    private final KafkaProducer<String, Event> events;
    private final KafkaProducer<String, RunInfo> runs;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong published = new AtomicLong();

    public DataTakingLoop(DataTakingSource source, double sliceSeconds, KafkaProducer<String, Event> events,
                          KafkaProducer<String, RunInfo> runs) {
        this.source = source;
        this.sliceSeconds = sliceSeconds;
        this.events = events;
        this.runs = runs;
    }

    public void stop() {
        running.set(false);
    }

    public long published() {
        return published.get();
    }

    @Override
    public void run() {
        long t0 = System.nanoTime();
        long slices = 0;
        int currentRun = -1;
        long eventsInRun = 0;
        try {
            while (running.get()) {
                DataTakingSource.Slice slice = source.next();
                RunRecord run = slice.run();
                if (run.run() != currentRun) {
                    LOG.info("data taking: run {}/{} started", run.experiment(), run.run());
                    currentRun = run.run();
                    eventsInRun = 0;
                }
                for (RecordedEvent e : slice.events()) {
                    String key = e.experiment() + "/" + e.run() + "/" + e.eventNumber();
                    events.send(new ProducerRecord<>(Topics.EVENTS, key, EventMapper.toAvro(e)));
                    published.incrementAndGet();
                }
                eventsInRun += slice.events().size();
                runs.send(new ProducerRecord<>(Topics.RUNS, run.experiment() + "/" + run.run(), runInfo(run, eventsInRun)));
                slices++;
                long due = t0 + (long) (slices * sliceSeconds * 1e9);
                long sleepNanos = due - System.nanoTime();
                if (sleepNanos > 0) {
                    Thread.sleep(sleepNanos / 1_000_000L, (int) (sleepNanos % 1_000_000L));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running.get()) {
                LOG.error("data taking stopped: {}", e.toString());
            }
        }
    }

    /** The wire record of a run snapshot, with the events recorded in the run so far. */
    public static RunInfo runInfo(RunRecord r, long events) {
        BeamConditions b = r.beams();
        return RunInfo.newBuilder()
                .setExperiment(r.experiment()).setRun(r.run())
                .setState(r.state() == org.fourmu.simulation.datataking.RunState.RUNNING ? RunState.RUNNING : RunState.ENDED)
                .setIntegratedLuminosity(r.integratedLumiInvFb())
                .setHerEnergy(b.herEnergyGeV()).setLerEnergy(b.lerEnergyGeV())
                .setHerAngle(b.herAngleRad()).setLerAngle(b.lerAngleRad())
                .setStartMillis(r.startMillis())
                .setEvents(events)
                .setStopMillis(r.state() == org.fourmu.simulation.datataking.RunState.RUNNING ? null : r.stopMillis())
                .build();
    }
}
