package org.fourmu.physics.limits;

import java.util.ArrayList;
import java.util.List;
import org.fourmu.physics.models.AnomalyCouplingBand;
import org.fourmu.physics.models.MuonAnomaly;
import org.fourmu.physics.models.SignalCrossSectionTable;

/**
 * The result of the search for one model (paper Sec. VII, Figs. 13 and 14): at every scan mass the
 * cross-section limits, the coupling limits, the coupling band that explains the muon anomaly,
 * and the mass ranges where the observed coupling limit lies below the band's lower edge, i.e.
 * where the model is excluded as the explanation of (g-2)_mu (paper: Z' 0.8-4.9 GeV, scalar
 * 2.9-3.5 GeV, with the +-2 sigma band).
 *
 * @param model                        "zprime" or "scalar"
 * @param rows                         one per scan mass, in mass order
 * @param excludedAsAnomalyExplanation mass ranges where g_UL < lower edge of the band
 */
public record ModelLimits(String model, List<Row> rows, List<MassRange> excludedAsAnomalyExplanation) {

    /**
     * One scan mass. {@code crossSection} is null where the efficiency is unknown; {@code coupling}
     * is null where, in addition, the unit-coupling cross section is not tabulated.
     */
    public record Row(double massGeV, double efficiency, CrossSectionLimit crossSection, CouplingLimit coupling,
                      AnomalyCouplingBand anomalyBand) {
    }

    public ModelLimits {
        rows = List.copyOf(rows);
        excludedAsAnomalyExplanation = List.copyOf(excludedAsAnomalyExplanation);
    }

    /**
     * @param model        "zprime" or "scalar"
     * @param yields       yield limits in increasing mass
     * @param efficiency   the model's signal efficiency versus mass
     * @param lumiInvFb    integrated luminosity, fb^-1
     * @param unitCoupling the model's sigma x B at g = 1 versus mass
     * @param anomaly      Delta a_mu with its uncertainty
     * @param bandSigmas   half-width of the anomaly band in standard deviations (paper: 2)
     */
    public static ModelLimits of(String model, List<YieldLimit> yields, SignalEfficiency efficiency, double lumiInvFb,
                                 SignalCrossSectionTable unitCoupling, MuonAnomaly.Band anomaly, double bandSigmas) {
        if (!unitCoupling.model().equals(model)) {
            throw new IllegalArgumentException("cross-section table of " + unitCoupling.model() + " given for " + model);
        }
        List<Row> rows = new ArrayList<>(yields.size());
        double[] masses = new double[yields.size()];
        double[] limits = new double[yields.size()];
        double[] bandLow = new double[yields.size()];
        for (int i = 0; i < yields.size(); i++) {
            YieldLimit y = yields.get(i);
            double m = y.massGeV();
            double eff = efficiency.at(m);
            CrossSectionLimit sigma = eff > 0 ? CrossSectionLimit.of(y, eff, lumiInvFb) : null;
            CouplingLimit g = sigma != null && unitCoupling.covers(m) ? CouplingLimit.of(sigma, unitCoupling) : null;
            AnomalyCouplingBand band = AnomalyCouplingBand.of(model, m, anomaly, bandSigmas);
            rows.add(new Row(m, eff, sigma, g, band));
            masses[i] = m;
            limits[i] = g == null ? Double.NaN : g.observed();
            bandLow[i] = band.lower();
        }
        return new ModelLimits(model, rows, rangesBelow(masses, limits, bandLow));
    }

    /**
     * From the lowest to the highest excluded mass, or null if nothing is excluded. Fluctuations of the
     * observed limit around the band split the exclusion into many ranges; a paper quotes this span.
     */
    public MassRange excludedSpan() {
        List<MassRange> r = excludedAsAnomalyExplanation;
        return r.isEmpty() ? null : new MassRange(r.get(0).lowGeV(), r.get(r.size() - 1).highGeV());
    }

    /** The share of {@link #excludedSpan()} that is excluded (1 when it is one range). */
    public double excludedFractionOfSpan() {
        MassRange span = excludedSpan();
        if (span == null) {
            return 0;
        }
        double width = excludedAsAnomalyExplanation.stream().mapToDouble(x -> x.highGeV() - x.lowGeV()).sum();
        return span.highGeV() > span.lowGeV() ? width / (span.highGeV() - span.lowGeV()) : 1;
    }

    /**
     * The mass ranges where {@code curve} lies below {@code threshold} (both sampled at {@code masses},
     * increasing). A range ends where the two cross, found by linear interpolation of
     * ln(curve/threshold) between neighbouring points, or at the last point where both are known.
     */
    static List<MassRange> rangesBelow(double[] masses, double[] curve, double[] threshold) {
        List<MassRange> out = new ArrayList<>();
        double start = Double.NaN;
        for (int i = 0; i < masses.length; i++) {
            double d = Math.log(curve[i] / threshold[i]);
            boolean below = d < 0;
            boolean startsHere = below && Double.isNaN(start);
            if (startsHere) {
                start = i > 0 && Math.log(curve[i - 1] / threshold[i - 1]) >= 0 ? crossing(masses, curve, threshold, i - 1) : masses[i];
            } else if (!below && !Double.isNaN(start)) {
                out.add(new MassRange(start, d >= 0 ? crossing(masses, curve, threshold, i - 1) : masses[i - 1]));
                start = Double.NaN;
            }
        }
        if (!Double.isNaN(start)) {
            out.add(new MassRange(start, masses[masses.length - 1]));
        }
        return out;
    }

    /** Where ln(curve/threshold) crosses zero between points i and i + 1. */
    private static double crossing(double[] masses, double[] curve, double[] threshold, int i) {
        double d0 = Math.log(curve[i] / threshold[i]);
        double d1 = Math.log(curve[i + 1] / threshold[i + 1]);
        return masses[i] + (masses[i + 1] - masses[i]) * d0 / (d0 - d1);
    }
}
