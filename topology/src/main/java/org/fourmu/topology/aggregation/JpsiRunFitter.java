package org.fourmu.topology.aggregation;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.fourmu.avro.JpsiFitStatus;
import org.fourmu.avro.JpsiRunFit;
import org.fourmu.physics.fit.JpsiPeakFit;
import org.fourmu.physics.spectrum.Histogram;

/**
 * The J/psi monitor of each run, exactly once and whatever the partitioning: keeps the latest
 * {@link JpsiPartial} of every source task per run (keyed "experiment/run/partition"), and when one changes sums
 * the run's partials, fits them with {@link JpsiPeakFit} and publishes a {@link JpsiRunFit} keyed "experiment/run".
 * A partial equal to the one kept (a task republishing after a restart) changes nothing and publishes nothing.
 */
public final class JpsiRunFitter implements Processor<String, long[], String, JpsiRunFit> {

    private static final StringSerializer KEYS = new StringSerializer();

    private final String partialsStoreName;
    private ProcessorContext<String, JpsiRunFit> context;
    private KeyValueStore<String, long[]> partials;

    public JpsiRunFitter(String partialsStoreName) {
        this.partialsStoreName = partialsStoreName;
    }

    @Override
    public void init(ProcessorContext<String, JpsiRunFit> context) {
        this.context = context;
        this.partials = context.getStateStore(partialsStoreName);
    }

    @Override
    public void process(Record<String, long[]> record) {
        if (record.value() == null) {
            return;
        }
        JpsiPartial partial = JpsiPartial.of(record.value());
        long[] kept = partials.get(partial.key());
        if (kept != null && JpsiPartial.of(kept).equals(partial)) {
            return;
        }
        partials.put(partial.key(), partial.toArray());
        JpsiRunFit fit = fit(partial.experiment(), partial.run(), record.timestamp());
        context.forward(new Record<>(CutFlowStore.runKey(partial.experiment(), partial.run()), fit, record.timestamp()));
    }

    /** The run's partials summed and fitted. */
    private JpsiRunFit fit(int experiment, int run, long now) {
        Histogram h = JpsiPeakFit.histogram();
        long candidates = 0;
        int sources = 0;
        try (KeyValueIterator<String, long[]> it = partials.prefixScan(JpsiPartial.runKey(experiment, run), KEYS)) {
            while (it.hasNext()) {
                JpsiPartial p = JpsiPartial.of(it.next().value);
                p.addTo(h);
                candidates += p.candidates();
                sources++;
            }
        }
        return of(experiment, run, JpsiPeakFit.fit(h), candidates, sources, now);
    }

    /** The published record of a fit. */
    public static JpsiRunFit of(int experiment, int run, JpsiPeakFit.Result r, long candidates, int sources, long now) {
        return JpsiRunFit.newBuilder().setExperiment(experiment).setRun(run).setPairs(r.entries()).setCandidates(candidates)
                .setStatus(JpsiFitStatus.valueOf(r.status().name())).setMassGeV(r.massGeV()).setMassErrorGeV(r.massErrorGeV())
                .setWidthGeV(r.widthGeV()).setWidthErrorGeV(r.widthErrorGeV()).setSignalYield(r.yield()).setSignalYieldError(r.yieldError())
                .setBackground(r.background()).setSourceTasks(sources).setFittedMillis(now).build();
    }
}
