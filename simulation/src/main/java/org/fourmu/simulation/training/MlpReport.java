package org.fourmu.simulation.training;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fourmu.physics.candidates.Candidate;
import org.fourmu.physics.candidates.CandidateFeatures;
import org.fourmu.physics.candidates.MlpRange;
import org.fourmu.physics.mlp.CutCurve;
import org.fourmu.physics.mlp.MlpSelection;
import org.fourmu.physics.mlp.MultilayerPerceptron;
import org.fourmu.simulation.validation.SvgPlot;

/**
 * The MLP part of {@code fourmu validate calibration}: training curves, ROC curves and AUC on the
 * held-out test split, the Punzi cut versus mass, the background rejection at the cut and the
 * candidate multiplicities after it, against the paper's numbers (Sec. IV D), and the scoring cost.
 * Writes {@code mlp.md} and {@code mlp/*.svg} into the report directory.
 */
public final class MlpReport {

    /** Paper Sec. IV D. */
    private static final double PAPER_REJECTION_LOW = 2.5;
    private static final double PAPER_REJECTION_HIGH = 14;
    private static final double PAPER_BACKGROUND_MULTIPLICITY = 1.7;
    /** Largest AUC drop from the training to the test split that is not called overtraining. */
    private static final double MAX_AUC_GAP = 0.03;
    private static final double[] SIGNAL_MASS_BINS = {0.21, 0.5, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0};

    private MlpReport() {
    }

    /** Builds the standard calibration (seed 1) and writes its report; returns the number of failed checks. */
    public static int run(Path reportDir) throws IOException {
        return write(reportDir, MlpCalibration.build(MlpCalibration.Config.standard(1)), "fourmu validate calibration");
    }

    /**
     * Writes the report of a calibration result.
     *
     * @param command the command that produced it (quoted in the report)
     * @return the number of failed checks
     */
    public static int write(Path reportDir, MlpCalibration.Result result, String command) throws IOException {
        Path plots = reportDir.resolve("mlp");
        Files.createDirectories(plots);
        TrainingSample sample = result.sample();
        MlpSelection selection = result.selection();
        MlpCalibration.Config config = result.config();
        TrainingSample.Config sc = config.sample();
        MlpTraining.Config tc = config.training();
        int failed = 0;
        StringBuilder md = new StringBuilder();
        md.append("# Validation of the MLP selection\n\n");
        MlpCalibration.Cost sim = result.simulationTime();
        MlpCalibration.Cost fit = result.trainingTime();
        MlpCalibration.Cost all = sim.plus(fit);
        md.append(String.format(Locale.ROOT, "Written by `%s` (`MlpReport`). Cost of the MLP calibration: %.0f s wall, %.0f s CPU "
                + "(simulation %.0f s wall / %.0f s CPU; training of the five networks and the cut optimisation %.0f s wall / %.0f s "
                + "CPU) with %d available processors. The machine is shared with other jobs: on an idle machine the wall time is "
                + "about the CPU time divided by the processors.%n%n", command, all.wallSeconds(), all.cpuSeconds(), sim.wallSeconds(),
                sim.cpuSeconds(), fit.wallSeconds(), fit.cpuSeconds(), Runtime.getRuntime().availableProcessors()));
        md.append(String.format(Locale.ROOT, "Configuration: seed %d; %,d generated e+e- -> 4mu events (sigma = %.1f fb inside the "
                + "generator cuts, our generator); Z' signal on a %.0f MeV grid across every MLP range, %,d generated events per range; "
                + "networks %s (tanh hidden layers, sigmoid output), Adam with batch %d and step %.0e, at most %d epochs, early "
                + "stopping after %d epochs without a lower validation loss; Punzi a = %.0f, L = %.0f fb^-1, slices of about "
                + "%.2f GeV. Events are split 60/20/20 into training, validation (early stopping and the cut) and held-out test "
                + "(everything below unless said otherwise). Background from e+e- -> mumugamma and e+e- -> eemumu is not "
                + "simulated for training: neither passes the selection often enough to be affordable (docs/decisions.md).%n%n",
                sc.seed(), sc.backgroundEvents(), sample.backgroundCrossSectionFb(), 1e3 * sc.massStepGeV(), sc.signalEventsPerRange(),
                architecture(tc), tc.batchSize(), tc.learningRate(), tc.maxEpochs(), tc.patience(), config.punziA(), config.lumiInvFb(),
                config.sliceWidthGeV()));

        // sample sizes
        md.append("## Training sample (candidates)\n\nSignal: the X pair of selected Z' events (the candidate nearest the generated "
                + "mass, within 10 paper resolutions); background: every candidate of selected 4mu events. Ranges by the "
                + "candidate's own M(mumu).\n\n| range | train S | train B | validation S | validation B | test S | test B |\n"
                + "|---|---|---|---|---|---|---|\n");
        Map<MlpRange, TrainingSample.Examples> test = new LinkedHashMap<>();
        for (MlpRange r : MlpRange.values()) {
            TrainingSample.Examples tr = sample.examples(r, Split.TRAIN);
            TrainingSample.Examples va = sample.examples(r, Split.VALIDATION);
            TrainingSample.Examples te = sample.examples(r, Split.TEST);
            test.put(r, te);
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d |%n", label(r), tr.count(1), tr.count(0),
                    va.count(1), va.count(0), te.count(1), te.count(0)));
        }

        // training curves
        md.append("\n## Training curves\n\nMean class-balanced cross-entropy after each epoch (ln 2 = 0.693 is no "
                + "discrimination); the network of the best validation epoch is kept. Plots: `mlp/training_R*.svg`.\n\n"
                + "| range | epochs run | best epoch | train loss | validation loss |\n|---|---|---|---|---|\n");
        for (MlpRange r : MlpRange.values()) {
            MlpTraining.Result t = result.training().get(r);
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.4f | %.4f |%n", label(r), t.trainLoss().length, t.bestEpoch() + 1,
                    t.trainLoss()[t.bestEpoch()], t.validationLoss()[t.bestEpoch()]));
            double[] epochs = new double[t.trainLoss().length];
            for (int i = 0; i < epochs.length; i++) {
                epochs[i] = i + 1;
            }
            new SvgPlot("Training curve, MLP range " + label(r), "epoch", "cross-entropy", false)
                    .add(new SvgPlot.Series("training", epochs, t.trainLoss(), null, true))
                    .add(new SvgPlot.Series("validation", epochs, t.validationLoss(), null, true))
                    .write(plots.resolve("training_R" + r.number() + ".svg"));
        }

        // ROC and AUC
        md.append("\n## ROC curves and AUC (test split)\n\nAUC of the network on the test and training splits, and of the "
                + "single inputs for comparison (each input's better orientation; the paper finds p_mumu the most "
                + "discriminating). Plot: `mlp/roc.svg` (background rejection 1/eps_B against signal efficiency).\n\n"
                + "| range | AUC test | AUC train | AUC p_mumu alone | best single input (AUC) |\n|---|---|---|---|---|\n");
        SvgPlot rocPlot = new SvgPlot("ROC on the test split", "signal efficiency", "background rejection 1/eps_B", true);
        boolean beatsInputs = true;
        boolean noOvertraining = true;
        for (MlpRange r : MlpRange.values()) {
            MultilayerPerceptron net = selection.network(r);
            RocCurve roc = roc(net, test.get(r));
            double trainAuc = roc(net, sample.examples(r, Split.TRAIN)).auc();
            double[] inputAuc = new double[CandidateFeatures.COUNT];
            int bestInput = 0;
            for (int k = 0; k < CandidateFeatures.COUNT; k++) {
                double a = inputRoc(test.get(r), k).auc();
                inputAuc[k] = Math.max(a, 1 - a);
                bestInput = inputAuc[k] > inputAuc[bestInput] ? k : bestInput;
            }
            beatsInputs &= roc.auc() > inputAuc[bestInput];
            noOvertraining &= trainAuc - roc.auc() < MAX_AUC_GAP;
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %s (%.4f) |%n", label(r), roc.auc(), trainAuc, inputAuc[0],
                    CandidateFeatures.NAMES[bestInput], inputAuc[bestInput]));
            rocPlot.add(rocSeries("R" + r.number() + " AUC " + String.format(Locale.ROOT, "%.3f", roc.auc()), roc));
        }
        rocPlot.write(plots.resolve("roc.svg"));
        failed += beatsInputs ? 0 : 1;
        failed += noOvertraining ? 0 : 1;
        md.append(String.format(Locale.ROOT, "%nCheck: every network beats its best single input on the test split: **%s**%n%n"
                + "Check: no overtraining, AUC(train) - AUC(test) < %.2f in every range: **%s**%n", pass(beatsInputs), MAX_AUC_GAP,
                pass(noOvertraining)));

        // the cut
        md.append("\n## The cut versus mass (Punzi figure of merit, validation split)\n\n"
                + "In each slice, eps_s is the fraction of X candidates kept and B the expected background candidates in a "
                + "+-2 resolution window (resolution from the paper's default signal shape) at the slice centre: each "
                + "validation background candidate stands for sigma(4mu) L / N(validation events) candidates, scaled by the "
                + "window-to-slice width ratio in reduced mass. The cut of a range runs straight between the slice centres and "
                + "is constant beyond the outer ones. Plot: `mlp/cut.svg`.\n\n"
                + "| range | slice (GeV) | S | B cands | B in window before | cut | eps_s | B after | FoM |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (MlpCalibration.SliceOptimum s : result.slices()) {
            PunziCut p = s.optimum();
            md.append(String.format(Locale.ROOT, "| %s | %.3f-%.3f | %d | %d | %.1f | %.3f | %.3f | %.2f | %.4f |%n", label(s.range()),
                    s.lowGeV(), s.highGeV(), s.signalExamples(), s.backgroundExamples(), s.backgroundInWindow(), p.cut(),
                    p.signalEfficiency(), p.background(), p.figureOfMerit()));
        }
        SvgPlot cutPlot = new SvgPlot("Cut on the MLP output versus M(mumu)", "M(mumu) [GeV]", "cut", false);
        for (MlpRange r : MlpRange.values()) {
            CutCurve c = selection.cutCurve(r);
            int n = 50;
            double[] x = new double[n + 1];
            double[] y = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                x[i] = r.lowGeV() + i * (r.highGeV() - r.lowGeV()) / n;
                y[i] = c.at(x[i]);
            }
            cutPlot.add(new SvgPlot.Series("R" + r.number(), x, y, null, true));
        }
        cutPlot.write(plots.resolve("cut.svg"));

        // rejection and efficiency at the cut
        md.append("\n## Background rejection and signal efficiency at the cut (test split)\n\n"
                + "Rejection = 1 / (weighted fraction of background candidates passing); paper: 2.5-14, best near 5 GeV. "
                + "Plots per slice: `mlp/rejection.svg`, and the efficiency of the cut for the X candidate "
                + "`mlp/signal_efficiency.svg`.\n\n| range | signal efficiency | background efficiency | rejection |\n"
                + "|---|---|---|---|\n");
        double minRejection = Double.MAX_VALUE;
        double maxRejection = 0;
        for (MlpRange r : MlpRange.values()) {
            double[] eff = efficiencies(selection, r, test.get(r), r.lowGeV(), r.highGeV());
            double rej = 1 / eff[1];
            minRejection = Math.min(minRejection, rej);
            maxRejection = Math.max(maxRejection, rej);
            md.append(String.format(Locale.ROOT, "| %s | %.3f +- %.3f | %.4f +- %.4f | %.2f +- %.2f |%n", label(r), eff[0], eff[2],
                    eff[1], eff[3], rej, eff[3] / (eff[1] * eff[1])));
        }
        List<double[]> slicePoints = new ArrayList<>();
        for (MlpCalibration.SliceOptimum s : result.slices()) {
            double[] eff = efficiencies(selection, s.range(), test.get(s.range()), s.lowGeV(), s.highGeV());
            if (eff[1] > 0) {
                slicePoints.add(new double[] {s.centreGeV(), 1 / eff[1], eff[3] / (eff[1] * eff[1]), eff[0], eff[2]});
            }
        }
        new SvgPlot("Background rejection at the cut (test split)", "M(mumu) [GeV]", "rejection", false)
                .add(new SvgPlot.Series("rejection", column(slicePoints, 0), column(slicePoints, 1), column(slicePoints, 2), false))
                .write(plots.resolve("rejection.svg"));
        new SvgPlot("Efficiency of the cut for the X candidate (test split)", "M(mumu) [GeV]", "efficiency", false)
                .add(new SvgPlot.Series("Z'", column(slicePoints, 0), column(slicePoints, 3), column(slicePoints, 4), false))
                .write(plots.resolve("signal_efficiency.svg"));
        md.append(String.format(Locale.ROOT, "%nRange-averaged rejection spans %.1f-%.1f (paper %.1f-%.0f). The paper's four-muon "
                + "background simulation had no ISR, and it notes that its MLPs perform worse on data, which has ISR (Sec. IV E); "
                + "our background has ISR in training and in this test.%n", minRejection, maxRejection, PAPER_REJECTION_LOW,
                PAPER_REJECTION_HIGH));

        // multiplicities
        md.append("\n## Candidates per event after the cut (test split)\n\n"
                + "Each candidate is scored by the network of its own range and cut at its own mass; the mean counts "
                + "candidates passing per event with at least one passing (paper: 1.7 for background, 1.4-3 for signal "
                + "depending on the mass). Before the cut a selected event has up to four candidates (fewer when the "
                + "electron veto removes some below 1 GeV).\n\n");
        Multiplicity bkg = multiplicity(selection, sample, false, 0, Double.MAX_VALUE);
        md.append(String.format(Locale.ROOT, "Background (4mu): %.2f candidates per selected event before the cut; %.2f per event "
                + "after it, among the %.1f%% of selected events with a candidate passing (paper %.1f).%n%n", bkg.before(), bkg.after(),
                100 * bkg.fractionKept(), PAPER_BACKGROUND_MULTIPLICITY));
        md.append("| generated M(X) (GeV) | signal events | before the cut | after the cut | events with a candidate passing |\n"
                + "|---|---|---|---|---|\n");
        List<double[]> sigMult = new ArrayList<>();
        for (int b = 0; b + 1 < SIGNAL_MASS_BINS.length; b++) {
            Multiplicity m = multiplicity(selection, sample, true, SIGNAL_MASS_BINS[b], SIGNAL_MASS_BINS[b + 1]);
            md.append(String.format(Locale.ROOT, "| %.2f-%.2f | %d | %.2f | %.2f | %.1f%% |%n", SIGNAL_MASS_BINS[b], SIGNAL_MASS_BINS[b + 1],
                    m.events(), m.before(), m.after(), 100 * m.fractionKept()));
            sigMult.add(new double[] {(SIGNAL_MASS_BINS[b] + SIGNAL_MASS_BINS[b + 1]) / 2, m.after()});
        }
        new SvgPlot("Candidates per signal event after the cut", "generated M(X) [GeV]", "candidates per event", false)
                .add(new SvgPlot.Series("Z' (test split)", column(sigMult, 0), column(sigMult, 1), null, false))
                .write(plots.resolve("signal_multiplicity.svg"));

        // cost
        ScoringCost cost = scoringCost(selection, sample);
        md.append(String.format(Locale.ROOT, "%n## Scoring cost%n%n`MlpSelection.passes(candidate)` (network of the candidate's range, "
                + "cut at its mass) on the %d test candidates, single thread after 200,000 warm-up calls, best of 20 passes: "
                + "**%.0f ns of CPU per candidate** (%.0f ns wall on the shared machine), %.1f bytes allocated per candidate. "
                + "Only events that pass the selection have candidates, so this adds to the chain's cost for those alone.%n",
                cost.candidates(), cost.cpuNanosPerCandidate(), cost.nanosPerCandidate(), cost.bytesPerCandidate()));

        md.append(String.format(Locale.ROOT, "%n## Reproducibility%n%nSHA-256 of the selection's bytes (`MlpSelection.toBytes()`, "
                + "format version %d): `%s`. The same configuration and seed give the same bytes (`MlpCalibrationTest`).%n",
                MlpSelection.FORMAT_VERSION, sha256(selection.toBytes())));
        md.append(String.format(Locale.ROOT, "%nChecks failed: %d%n", failed));
        Files.writeString(reportDir.resolve("mlp.md"), md.toString());
        return failed;
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String architecture(MlpTraining.Config tc) {
        StringBuilder sb = new StringBuilder().append(CandidateFeatures.COUNT);
        for (int h : tc.hidden()) {
            sb.append('-').append(h);
        }
        return sb.append("-1").toString();
    }

    private static String label(MlpRange r) {
        return String.format(Locale.ROOT, "R%d %.2f-%.2f", r.number(), r.lowGeV(), r.highGeV());
    }

    private static String pass(boolean ok) {
        return ok ? "pass" : "FAIL";
    }

    static RocCurve roc(MultilayerPerceptron net, TrainingSample.Examples e) {
        return rocOf(e, i -> net.score(e.features()[i]));
    }

    private static RocCurve inputRoc(TrainingSample.Examples e, int k) {
        return rocOf(e, i -> e.features()[i][k]);
    }

    private static RocCurve rocOf(TrainingSample.Examples e, java.util.function.IntToDoubleFunction score) {
        List<Double> s = new ArrayList<>();
        List<Double> sw = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        List<Double> bw = new ArrayList<>();
        for (int i = 0; i < e.size(); i++) {
            boolean sig = e.labels()[i] > 0.5;
            (sig ? s : b).add(score.applyAsDouble(i));
            (sig ? sw : bw).add(e.weights()[i]);
        }
        return RocCurve.of(array(s), array(sw), array(b), array(bw));
    }

    private static SvgPlot.Series rocSeries(String name, RocCurve roc) {
        List<double[]> pts = new ArrayList<>();
        int n = roc.cuts().length;
        int stride = Math.max(1, n / 300);
        for (int i = 0; i < n; i += stride) {
            if (roc.backgroundEfficiency()[i] > 0) {
                pts.add(new double[] {roc.signalEfficiency()[i], 1 / roc.backgroundEfficiency()[i]});
            }
        }
        return new SvgPlot.Series(name, column(pts, 0), column(pts, 1), null, true);
    }

    /**
     * Weighted signal and background efficiencies of the range's cut for examples in [lo, hi):
     * {eps_S, eps_B, error eps_S, error eps_B} (binomial errors with the effective counts).
     */
    private static double[] efficiencies(MlpSelection selection, MlpRange r, TrainingSample.Examples e, double lo, double hi) {
        double[] pass = new double[2];
        double[] all = new double[2];
        double[] all2 = new double[2];
        MultilayerPerceptron net = selection.network(r);
        CutCurve cut = selection.cutCurve(r);
        for (int i = 0; i < e.size(); i++) {
            double m = e.massesGeV()[i];
            if (m < lo || m >= hi) {
                continue;
            }
            int c = e.labels()[i] > 0.5 ? 0 : 1;
            double w = e.weights()[i];
            all[c] += w;
            all2[c] += w * w;
            if (net.score(e.features()[i]) >= cut.at(m)) {
                pass[c] += w;
            }
        }
        double[] out = new double[4];
        for (int c = 0; c < 2; c++) {
            double p = all[c] > 0 ? pass[c] / all[c] : Double.NaN;
            double nEff = all2[c] > 0 ? all[c] * all[c] / all2[c] : 0;
            out[c] = p;
            out[2 + c] = nEff > 0 ? Math.sqrt(p * (1 - p) / nEff) : Double.NaN;
        }
        return out;
    }

    /**
     * Candidate multiplicity of test events.
     *
     * @param events       events with candidates in the MLP ranges
     * @param before       mean candidates per such event before the cut
     * @param after        mean passing candidates per event with at least one passing
     * @param fractionKept fraction of events with at least one passing
     */
    record Multiplicity(int events, double before, double after, double fractionKept) {
    }

    /** For background, or for signal events generated with M(X) in [lo, hi). */
    static Multiplicity multiplicity(MlpSelection selection, TrainingSample sample, boolean signal, double lo, double hi) {
        Map<Long, int[]> perEvent = new LinkedHashMap<>();
        for (LabelledCandidate c : sample.candidates()) {
            if (c.split() != Split.TEST || c.signalEvent() != signal || !c.inRanges()) {
                continue;
            }
            if (signal && (c.generatedMassGeV() < lo || c.generatedMassGeV() >= hi)) {
                continue;
            }
            int[] counts = perEvent.computeIfAbsent(c.event(), k -> new int[2]);
            counts[0]++;
            counts[1] += selection.passes(c.candidate()) ? 1 : 0;
        }
        int events = perEvent.size();
        long before = 0;
        long after = 0;
        int kept = 0;
        for (int[] counts : perEvent.values()) {
            before += counts[0];
            after += counts[1];
            kept += counts[1] > 0 ? 1 : 0;
        }
        return new Multiplicity(events, events == 0 ? Double.NaN : (double) before / events,
                kept == 0 ? Double.NaN : (double) after / kept, events == 0 ? Double.NaN : (double) kept / events);
    }

    /**
     * The cost of {@link MlpSelection#passes(Candidate)}.
     *
     * @param candidates        candidates scored per pass
     * @param nanosPerCandidate wall time, best of 20 timed passes
     * @param cpuNanosPerCandidate the scoring thread's CPU time, best of the same passes (robust on a shared machine)
     * @param bytesPerCandidate heap allocated per candidate during the timed passes (HotSpot's per-thread counter; NaN elsewhere)
     */
    public record ScoringCost(int candidates, double nanosPerCandidate, double cpuNanosPerCandidate, double bytesPerCandidate) {
    }

    /** Times scoring of the test candidates; a harness number, not a unit-test assertion. */
    public static ScoringCost scoringCost(MlpSelection selection, TrainingSample sample) {
        Candidate[] cs = sample.candidates().stream().filter(c -> c.split() == Split.TEST).map(LabelledCandidate::candidate)
                .toArray(Candidate[]::new);
        int sink = 0;
        for (int warm = 0; warm < 200_000 / Math.max(1, cs.length) + 3; warm++) {
            for (Candidate c : cs) {
                sink += selection.passes(c) ? 1 : 0;
            }
        }
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean hotspot = threads instanceof com.sun.management.ThreadMXBean h ? h : null;
        long id = Thread.currentThread().getId();
        long bytes0 = hotspot != null ? hotspot.getThreadAllocatedBytes(id) : 0;
        double wall = Double.MAX_VALUE;
        double cpu = Double.MAX_VALUE;
        int passes = 20;
        for (int pass = 0; pass < passes; pass++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (Candidate c : cs) {
                sink += selection.passes(c) ? 1 : 0;
            }
            wall = Math.min(wall, (System.nanoTime() - t0) / (double) cs.length);
            cpu = Math.min(cpu, (threads.getCurrentThreadCpuTime() - c0) / (double) cs.length);
        }
        double bytes = hotspot != null ? (hotspot.getThreadAllocatedBytes(id) - bytes0) / (double) (passes * (long) cs.length) : Double.NaN;
        if (sink == Integer.MIN_VALUE) {
            throw new AssertionError();
        }
        return new ScoringCost(cs.length, wall, cpu, bytes);
    }

    private static double[] array(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] column(List<double[]> rows, int k) {
        return rows.stream().mapToDouble(r -> r[k]).toArray();
    }
}
