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
import org.fourmu.topology.Topics;
import org.fourmu.topology.events.EventMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emulates data taking: publishes the feed's events to {@code fourmu.events} at a chosen rate,
 * keyed by experiment/run/event, and the run's {@code RunInfo} to {@code fourmu.runs} once a second.
 */
public final class DataTakingLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DataTakingLoop.class);

    private final EventFeed feed;
    private final KafkaProducer<String, Event> events;
    private final KafkaProducer<String, RunInfo> runs;
    private final double eventsPerSecond;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong published = new AtomicLong();
    private final long startMillis = System.currentTimeMillis();

    public DataTakingLoop(EventFeed feed, KafkaProducer<String, Event> events, KafkaProducer<String, RunInfo> runs,
                          double eventsPerSecond) {
        this.feed = feed;
        this.events = events;
        this.runs = runs;
        this.eventsPerSecond = eventsPerSecond;
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
        long lastRunInfo = 0;
        try {
            while (running.get()) {
                RecordedEvent e = feed.next();
                String key = e.experiment() + "/" + e.run() + "/" + e.eventNumber();
                events.send(new ProducerRecord<>(Topics.EVENTS, key, EventMapper.toAvro(e)));
                long n = published.incrementAndGet();
                long now = System.nanoTime();
                if (now - lastRunInfo > 1_000_000_000L) {
                    publishRunInfo(RunState.RUNNING, n);
                    lastRunInfo = now;
                }
                long due = t0 + (long) (n * 1e9 / eventsPerSecond);
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
        } finally {
            if (running.get() || published.get() > 0) {
                try {
                    publishRunInfo(RunState.RUNNING, published.get());
                    events.flush();
                } catch (RuntimeException ignored) {
                    // the broker may already be gone at shutdown
                }
            }
        }
    }

    private void publishRunInfo(RunState state, long eventCount) {
        BeamConditions b = feed.beams();
        RunInfo info = RunInfo.newBuilder()
                .setExperiment(feed.experiment()).setRun(feed.run()).setState(state)
                .setIntegratedLuminosity(feed.integratedLuminosityInvFb())
                .setHerEnergy(b.herEnergyGeV()).setLerEnergy(b.lerEnergyGeV())
                .setHerAngle(b.herAngleRad()).setLerAngle(b.lerAngleRad())
                .setStartMillis(startMillis).setEvents(eventCount).build();
        runs.send(new ProducerRecord<>(Topics.RUNS, feed.experiment() + "/" + feed.run(), info));
    }
}
