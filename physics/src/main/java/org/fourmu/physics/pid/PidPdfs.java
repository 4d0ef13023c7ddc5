package org.fourmu.physics.pid;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Per-hypothesis PDFs of the PID observables in momentum bins: KLM penetration, calorimeter E/p
 * and dE/dx. Derived from labelled simulation by {@link #fit} and kept in the calibration bundle.
 *
 * @param momentumEdgesGeV bin edges in momentum (tracks outside use the edge bins)
 * @param klm              per hypothesis, per momentum bin: PDF of the KLM layer fraction
 * @param eOverP           per hypothesis, per momentum bin: PDF of E/p
 * @param dedx             per hypothesis, per momentum bin: PDF of dE/dx
 */
public record PidPdfs(double[] momentumEdgesGeV,
                      Map<ParticleHypothesis, List<BinnedPdf>> klm,
                      Map<ParticleHypothesis, List<BinnedPdf>> eOverP,
                      Map<ParticleHypothesis, List<BinnedPdf>> dedx) {

    /** A labelled track from simulation. */
    public record LabelledTrack(PidObservables observables, ParticleHypothesis truth, double weight) {
    }

    /** Default momentum binning: the KLM matters above ~0.7 GeV, dE/dx and the ECL below. */
    public static final double[] DEFAULT_EDGES = {0.0, 0.4, 0.6, 0.7, 0.85, 1.0, 1.5, 2.0, 3.0, 5.0, 12.0};

    public PidPdfs {
        momentumEdgesGeV = momentumEdgesGeV.clone();
    }

    @Override
    public double[] momentumEdgesGeV() {
        return momentumEdgesGeV.clone();
    }

    int momentumBin(double p) {
        for (int i = 1; i < momentumEdgesGeV.length - 1; i++) {
            if (p < momentumEdgesGeV[i]) {
                return i - 1;
            }
        }
        return momentumEdgesGeV.length - 2;
    }

    /** The likelihood of the observables under a hypothesis (product of the three PDFs). */
    public double likelihood(PidObservables o, ParticleHypothesis h) {
        int b = momentumBin(o.pGeV());
        return klm.get(h).get(b).value(o.klmFraction()) * eOverP.get(h).get(b).value(o.eOverP())
                * dedx.get(h).get(b).value(o.dedx());
    }

    /** Build the PDFs from labelled tracks (equal weight per hypothesis; 1% floor per bin). */
    public static PidPdfs fit(List<LabelledTrack> tracks, double[] momentumEdges) {
        int nb = momentumEdges.length - 1;
        Map<ParticleHypothesis, List<BinnedPdf>> klm = new EnumMap<>(ParticleHypothesis.class);
        Map<ParticleHypothesis, List<BinnedPdf>> ep = new EnumMap<>(ParticleHypothesis.class);
        Map<ParticleHypothesis, List<BinnedPdf>> dx = new EnumMap<>(ParticleHypothesis.class);
        PidPdfs binning = new PidPdfs(momentumEdges, Map.of(), Map.of(), Map.of());
        for (ParticleHypothesis h : ParticleHypothesis.values()) {
            List<BinnedPdf> k = new ArrayList<>();
            List<BinnedPdf> e = new ArrayList<>();
            List<BinnedPdf> d = new ArrayList<>();
            for (int b = 0; b < nb; b++) {
                List<LabelledTrack> in = new ArrayList<>();
                for (LabelledTrack t : tracks) {
                    if (t.truth() == h && binning.momentumBin(t.observables().pGeV()) == b) {
                        in.add(t);
                    }
                }
                double[] w = in.stream().mapToDouble(LabelledTrack::weight).toArray();
                k.add(BinnedPdf.of(in.stream().mapToDouble(t -> t.observables().klmFraction()).toArray(), w, 0, 1.2, 12, 0.01));
                e.add(BinnedPdf.of(in.stream().mapToDouble(t -> t.observables().eOverP()).toArray(), w, 0, 1.5, 30, 0.01));
                d.add(BinnedPdf.of(in.stream().mapToDouble(t -> t.observables().dedx()).toArray(), w, 0, 5, 50, 0.01));
            }
            klm.put(h, List.copyOf(k));
            ep.put(h, List.copyOf(e));
            dx.put(h, List.copyOf(d));
        }
        return new PidPdfs(momentumEdges, klm, ep, dx);
    }
}
