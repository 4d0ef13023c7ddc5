package org.fourmu.simulation.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.fourmu.physics.candidates.Candidate;
import org.fourmu.physics.candidates.CandidateBuilder;

/**
 * The calibration at one generated mass of one model: the X candidates' reduced masses, the
 * double Crystal Ball fitted to them, and the signal efficiency.
 *
 * <p>The efficiency is the fraction of generated events (sqrt(s') above the generator cut, the
 * same cut as the cross-section table) whose X candidate passes every selection and the candidate
 * filter (the MLP cut, when there is one) and lies in the scan's fit window, 60 resolutions wide.
 * The trigger enters as each event's emulated efficiency (the expectation of the emulated
 * decision, with less variance), the other cuts as decided. The shape is fitted to the X
 * candidates that pass the selection and the filter, trigger aside (the trigger does not shape a
 * MeV-wide peak, and the sample is larger).
 *
 * @param model             "zprime" or "scalar"
 * @param massGeV           generated X mass
 * @param generated         generated events (sum of generator weights)
 * @param trueReducedGeV    the generated reduced mass
 * @param robustWidthGeV    half the central 68% of the X candidates' reduced-mass residuals (within +-50 MeV)
 * @param reducedMassesGeV  reduced masses of the X candidates in the fit window
 * @param fit               the double Crystal Ball fit
 * @param efficiency        signal efficiency before the ISR correction
 * @param efficiencyError   its statistical error
 * @param triggerEfficiency mean emulated trigger efficiency of the selected events
 * @param selectionEfficiency fraction of events selected with the trigger forced (no window, no filter)
 */
public record SignalMassPoint(String model, double massGeV, double generated, double trueReducedGeV, double robustWidthGeV,
                              double[] reducedMassesGeV, SignalShapeFit.Result fit, double efficiency, double efficiencyError,
                              double triggerEfficiency, double selectionEfficiency) {

    /** Half-width of the fit window in robust widths: the scan's window is 60 resolutions wide (paper Sec. V). */
    public static final double HALF_WINDOW = 30;
    /** Residuals beyond this do not enter the robust width (combinatorial or badly measured). */
    static final double ROBUST_RANGE_GEV = 0.05;

    public double meanShiftGeV() {
        return fit.parameter("mean") - trueReducedGeV;
    }

    /** Measure a mass point from simulated events of {@link SignalChain#run}. */
    public static SignalMassPoint of(String model, double massGeV, List<SignalChain.Event> events, Predicate<Candidate> filter) {
        double trueReduced = CandidateBuilder.reducedMass(massGeV);
        List<Candidate> accepted = new ArrayList<>();
        List<SignalChain.Event> owners = new ArrayList<>();
        double generated = 0;
        double selected = 0;
        double triggerSum = 0;
        for (SignalChain.Event e : events) {
            generated += e.generatorWeight();
            if (!e.triggerForced().passed()) {
                continue;
            }
            selected += e.generatorWeight();
            triggerSum += e.generatorWeight() * e.triggerEfficiency();
            if (e.xCandidate().isPresent() && filter.test(e.xCandidate().get())) {
                accepted.add(e.xCandidate().get());
                owners.add(e);
            }
        }
        double width = SignalShapeFit.coreWidth(accepted.stream().mapToDouble(c -> c.reducedMassGeV() - trueReduced)
                .filter(r -> Math.abs(r) < ROBUST_RANGE_GEV).toArray());
        if (!(width > 0)) {
            throw new IllegalStateException(model + " at " + massGeV + " GeV: too few selected X candidates (" + accepted.size()
                    + ") for a shape");
        }
        double low = Math.max(0, trueReduced - HALF_WINDOW * width);
        double high = trueReduced + HALF_WINDOW * width;
        double sumW = 0;
        double sumW2 = 0;
        List<Double> inWindow = new ArrayList<>();
        for (int i = 0; i < accepted.size(); i++) {
            double x = accepted.get(i).reducedMassGeV();
            if (x >= low && x <= high) {
                inWindow.add(x);
                double w = owners.get(i).generatorWeight() * owners.get(i).triggerEfficiency();
                sumW += w;
                sumW2 += w * w;
            }
        }
        double[] xs = inWindow.stream().mapToDouble(Double::doubleValue).toArray();
        SignalShapeFit.Result fit = SignalShapeFit.fit(xs, low, high);
        double eff = sumW / generated;
        // variance of a mean of per-event weights w_i (0 for events that fail)
        double error = Math.sqrt(Math.max(0, sumW2 / generated - eff * eff) / generated);
        return new SignalMassPoint(model, massGeV, generated, trueReduced, width, xs, fit, eff, error,
                selected > 0 ? triggerSum / selected : Double.NaN, selected / generated);
    }
}
