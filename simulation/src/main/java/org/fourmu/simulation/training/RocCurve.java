package org.fourmu.simulation.training;

import java.util.Arrays;

/**
 * The receiver operating characteristic of a score: signal efficiency against background
 * efficiency as the cut moves, from weighted samples, and the area under it (the probability
 * that a signal example scores above a background one, ties counting one half: Mann-Whitney).
 *
 * @param cuts                  cut values, decreasing (each is a distinct observed score)
 * @param signalEfficiency      weighted fraction of signal with score >= cut
 * @param backgroundEfficiency  weighted fraction of background with score >= cut
 * @param auc                   area under the curve
 */
public record RocCurve(double[] cuts, double[] signalEfficiency, double[] backgroundEfficiency, double auc) {

    /** The curve of weighted signal and background scores (weights null: all 1). */
    public static RocCurve of(double[] signal, double[] signalWeights, double[] background, double[] backgroundWeights) {
        int ns = signal.length;
        int n = ns + background.length;
        if (ns == 0 || background.length == 0) {
            throw new IllegalArgumentException("a ROC curve needs signal and background");
        }
        double[] score = new double[n];
        double[] weight = new double[n];
        boolean[] isSignal = new boolean[n];
        double totalS = 0;
        double totalB = 0;
        for (int i = 0; i < n; i++) {
            boolean s = i < ns;
            score[i] = s ? signal[i] : background[i - ns];
            weight[i] = s ? (signalWeights == null ? 1 : signalWeights[i]) : (backgroundWeights == null ? 1 : backgroundWeights[i - ns]);
            isSignal[i] = s;
            if (s) {
                totalS += weight[i];
            } else {
                totalB += weight[i];
            }
        }
        Integer[] order = descendingOrder(score);
        double[] cuts = new double[n];
        double[] es = new double[n];
        double[] eb = new double[n];
        int points = 0;
        double cumS = 0;
        double cumB = 0;
        double area = 0;
        int i = 0;
        while (i < n) {
            double s = score[order[i]];
            double dS = 0;
            double dB = 0;
            while (i < n && score[order[i]] == s) {
                if (isSignal[order[i]]) {
                    dS += weight[order[i]];
                } else {
                    dB += weight[order[i]];
                }
                i++;
            }
            // background here loses to all signal above and ties with the signal at this score
            area += dB * (cumS + dS / 2);
            cumS += dS;
            cumB += dB;
            cuts[points] = s;
            es[points] = cumS / totalS;
            eb[points] = cumB / totalB;
            points++;
        }
        return new RocCurve(Arrays.copyOf(cuts, points), Arrays.copyOf(es, points), Arrays.copyOf(eb, points),
                area / (totalS * totalB));
    }

    /** Indices of x by decreasing value (a stable sort: equal values keep their order). */
    static Integer[] descendingOrder(double[] x) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < x.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(x[q], x[p]));
        return order;
    }

    /** The highest signal efficiency of a cut whose background efficiency does not exceed {@code eb}. */
    public double signalEfficiencyAt(double eb) {
        double best = 0;
        for (int k = 0; k < cuts.length && backgroundEfficiency[k] <= eb; k++) {
            best = signalEfficiency[k];
        }
        return best;
    }
}
