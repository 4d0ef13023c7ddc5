package org.fourmu.simulation.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.candidates.MlpRange;
import org.fourmu.physics.fit.SignalShapeModel;
import org.fourmu.physics.mlp.MlpSelection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole MLP calibration on a small simulated sample (seconds). */
class MlpCalibrationTest {

    private static MlpCalibration.Config config;
    private static MlpCalibration.Result result;

    @BeforeAll
    static void build() {
        config = MlpCalibration.Config.quick(11);
        result = MlpCalibration.build(config);
    }

    @Test
    void signalGridTilesEveryRangeInSteps() {
        double[] grid = TrainingSample.signalGrid(0.005);
        // 0.79, 2.75, 2.5, 2.0 and 1.75 GeV in 5 MeV cells
        assertEquals(158 + 550 + 500 + 400 + 350, grid.length);
        assertEquals(0.2125, grid[0], 1e-12);
        assertEquals(9.9975, grid[grid.length - 1], 1e-12);
        for (int i = 1; i < grid.length; i++) {
            assertEquals(0.005, grid[i] - grid[i - 1], 1e-9);
        }
    }

    @Test
    void sampleHasSignalAndBackgroundInEveryRangeAndSplitsWholeEvents() {
        for (MlpRange r : MlpRange.values()) {
            TrainingSample.Examples train = result.sample().examples(r, Split.TRAIN);
            assertTrue(train.count(1) > 10 && train.count(0) > 10, r + ": " + train.count(1) + " / " + train.count(0));
        }
        java.util.Map<Long, Split> splitOfEvent = new java.util.HashMap<>();
        for (LabelledCandidate c : result.sample().candidates()) {
            assertEquals(c.split(), splitOfEvent.computeIfAbsent(c.event(), e -> c.split()));
        }
        long generated = result.sample().backgroundEvents().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(config.sample().backgroundEvents(), generated);
        assertEquals(0.2, (double) result.sample().backgroundEvents().get(Split.TEST) / generated, 0.05);
    }

    @Test
    void signalCandidatesAreThePairNearTheGeneratedMass() {
        for (LabelledCandidate c : result.sample().candidates()) {
            if (c.trueX()) {
                double window = TrainingSample.TRUE_X_WINDOW_RESOLUTIONS
                        * SignalShapeModel.paperDefault().resolutionGeV(c.generatedMassGeV());
                assertTrue(Math.abs(c.candidate().reducedMassGeV() - CandidateBuilder.reducedMass(c.generatedMassGeV())) < window);
                assertTrue(c.signalEvent());
            }
        }
    }

    @Test
    void backgroundPerCandidateIsCrossSectionTimesLuminosityOverEventsTimesWindowOverSlice() {
        TrainingSample s = result.sample();
        // at 5 GeV the paper resolution is 5 MeV: a 20 MeV window out of a 4.75-5.25 GeV slice
        double slice = CandidateBuilder.reducedMass(5.25) - CandidateBuilder.reducedMass(4.75);
        double expected = s.backgroundCrossSectionFb() * 178 / s.backgroundEvents().get(Split.VALIDATION) * 0.020 / slice;
        assertEquals(expected, MlpCalibration.backgroundScale(s, config, 4.75, 5.25), 1e-12 * expected);
    }

    @Test
    void cutCurvePassesThroughTheSliceOptima() {
        for (MlpCalibration.SliceOptimum o : result.slices()) {
            assertEquals(o.optimum().cut(), result.selection().cut(o.range(), o.centreGeV()), 1e-12);
            assertTrue(o.optimum().signalEfficiency() > 0 && o.optimum().signalEfficiency() <= 1);
        }
    }

    @Test
    void sameSampleAndSeedGiveIdenticalBytesWhateverTheThreadInterleaving() {
        MlpCalibration.Result again = MlpCalibration.train(result.sample(), config, result.simulationTime());
        byte[] bytes = result.selection().toBytes();
        assertArrayEquals(bytes, again.selection().toBytes());
        assertEquals(result.selection(), MlpSelection.fromBytes(bytes));
    }

    @Test
    void reportIsWrittenWithItsPlots(@TempDir Path dir) throws IOException {
        MlpReport.write(dir, result, "test");
        String md = Files.readString(dir.resolve("mlp.md"));
        assertTrue(md.contains("## ROC curves and AUC"));
        assertTrue(md.contains("Candidates per event after the cut"));
        for (String plot : new String[] {"roc.svg", "cut.svg", "rejection.svg", "signal_multiplicity.svg", "training_R1.svg"}) {
            assertTrue(Files.size(dir.resolve("mlp").resolve(plot)) > 500, plot);
        }
    }
}
