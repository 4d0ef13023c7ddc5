package org.fourmu.app.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.fourmu.app.dataset.DatasetManifest;
import org.fourmu.app.dataset.RunFiles;
import org.fourmu.avro.Event;
import org.fourmu.avro.LimitCurve;
import org.fourmu.avro.MassPoint;
import org.fourmu.physics.candidates.Candidate;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.fit.FitScan;
import org.fourmu.physics.selection.EventSelection;
import org.fourmu.physics.spectrum.CandidateSpectra;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.aggregation.LimitAssembler;
import org.fourmu.topology.aggregation.PublishedSpectrum;
import org.fourmu.topology.aggregation.ScanPublication;
import org.fourmu.topology.events.EventMapper;
import org.fourmu.topology.events.EventValidation;

/**
 * The batch path: a recorded dataset straight through the per-event chain into the spectra (the candidates
 * the stream's segments would hold), then the scan, without Kafka. The same physics calls as the topology,
 * so the same dataset gives the same limit curve and count of candidates; events are processed in parallel
 * in blocks and the exact counts make the order irrelevant.
 */
public final class BatchReplay {

    private static final int BLOCK = 4096;

    private final SearchTopology.Analysis analysis;
    private final java.util.concurrent.atomic.AtomicLong failed = new java.util.concurrent.atomic.AtomicLong();

    public BatchReplay(SearchTopology.Analysis analysis) {
        this.analysis = analysis;
    }

    /** Result of a batch replay: the spectra and the limit curve. */
    public record Result(CandidateSpectra spectra, LimitCurve curve, long events, long failedEvents) {
    }

    public Result run(Path directory, DatasetManifest manifest, LongConsumer progress) throws IOException {
        CandidateSpectra spectra = new CandidateSpectra();
        long[] done = {0};
        long[] segmentRecords = {0};
        for (DatasetManifest.Run run : manifest.runs()) {
            RunFiles.verify(directory, run);
            BeamConditions beams = new BeamConditions(run.herEnergy(), run.lerEnergy(), run.herAngle(), run.lerAngle());
            List<Event> block = new ArrayList<>(BLOCK);
            RunFiles.read(directory.resolve(run.file()), 0, e -> {
                block.add(Event.newBuilder(e).build());
                if (block.size() == BLOCK) {
                    segmentRecords[0] += select(block, beams, spectra);
                    done[0] += block.size();
                    block.clear();
                    progress.accept(done[0]);
                }
            });
            segmentRecords[0] += select(block, beams, spectra);
            done[0] += block.size();
            progress.accept(done[0]);
        }
        FitScan scan = analysis.scan();
        List<FitScan.Point> points = scan.scan(range -> spectra.histogram(range));
        List<MassPoint> wire = points.stream().map(ScanPublication::massPoint).toList();
        // each candidate once, by the rule of the stream's segments: the same spectrum and count
        LimitCurve curve = LimitAssembler.curve(analysis.analysisId(), analysis.calibrationId(), 1, 0, wire,
                PublishedSpectrum.ofHistograms(spectra::histogram), segmentRecords[0], manifest.integratedLuminosity(), done[0],
                analysis.limitConversions());
        return new Result(spectra, curve, done[0], failed.get());
    }

    /**
     * The candidates of a block, selected in parallel, filled in order; an invalid or failing event is counted, as the
     * stream dead-letters it. Returns the records the stream's segments would receive (one per histogram filled, per
     * segment whose fit windows reach the candidate).
     */
    private long select(List<Event> block, BeamConditions beams, CandidateSpectra spectra) {
        EventSelection selection = analysis.selection();
        List<List<Candidate>> selected = block.parallelStream().map(e -> {
            try {
                if (EventValidation.problem(e).isPresent()) {
                    failed.incrementAndGet();
                    return List.<Candidate>of();
                }
                return selection.apply(EventMapper.toPhysics(e), beams).candidates();
            } catch (RuntimeException ex) {
                failed.incrementAndGet();
                return List.<Candidate>of();
            }
        }).toList();
        long records = 0;
        for (List<Candidate> candidates : selected) {
            for (Candidate c : candidates) {
                // the stream forwards only what some segment holds: beyond every fit window
                int segments = analysis.segments().segmentsNeeding(c.massGeV()).size();
                if (segments == 0) {
                    continue;
                }
                for (org.fourmu.physics.candidates.MlpRange r : analysis.histogramRanges(c)) {
                    spectra.fill(c, r);
                    records += segments;
                }
            }
        }
        return records;
    }
}
