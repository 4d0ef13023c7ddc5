package org.fourmu.simulation.training;

/**
 * The cut on a score that maximises Punzi's figure of merit eps_s / (a/2 + sqrt(B)) (G. Punzi,
 * "Sensitivity of searches for new signals and its optimization", PHYSTAT 2003,
 * arXiv:physics/0308063; paper Ref. [47]), with eps_s the signal efficiency of the cut and B the
 * expected background after it. Between two consecutive signal scores eps_s is constant and B
 * can only fall as the cut rises, so the maximum lies at a signal score: the scan over signal
 * scores is exact.
 *
 * @param cut             the optimal cut (keep score >= cut)
 * @param signalEfficiency eps_s at the cut
 * @param background      B at the cut
 * @param figureOfMerit   eps_s / (a/2 + sqrt(B)) at the cut
 */
public record PunziCut(double cut, double signalEfficiency, double background, double figureOfMerit) {

    /** The number of sigmas of the paper (Sec. IV D) and Punzi's usual choice. */
    public static final double DEFAULT_A = 3;

    /**
     * @param signal             signal scores
     * @param signalWeights      their weights (null: all 1)
     * @param background         background scores
     * @param backgroundExpected expected background count each background example stands for
     * @param a                  the number of sigmas
     */
    public static PunziCut maximise(double[] signal, double[] signalWeights, double[] background, double[] backgroundExpected,
                                    double a) {
        int ns = signal.length;
        if (ns == 0) {
            throw new IllegalArgumentException("the Punzi optimum needs signal");
        }
        Integer[] sOrder = RocCurve.descendingOrder(signal);
        Integer[] bOrder = RocCurve.descendingOrder(background);
        double totalS = 0;
        for (int i = 0; i < ns; i++) {
            totalS += signalWeights == null ? 1 : signalWeights[i];
        }
        PunziCut best = null;
        double cumS = 0;
        double cumB = 0;
        int b = 0;
        int i = 0;
        while (i < ns) {
            double cut = signal[sOrder[i]];
            while (i < ns && signal[sOrder[i]] == cut) {
                cumS += signalWeights == null ? 1 : signalWeights[sOrder[i]];
                i++;
            }
            while (b < bOrder.length && background[bOrder[b]] >= cut) {
                cumB += backgroundExpected[bOrder[b]];
                b++;
            }
            double eps = cumS / totalS;
            double fom = eps / (a / 2 + Math.sqrt(Math.max(0, cumB)));
            if (best == null || fom > best.figureOfMerit()) {
                best = new PunziCut(cut, eps, cumB, fom);
            }
        }
        return best;
    }
}
