package org.fourmu.physics.pid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.fourmu.physics.event.HelixParameters;
import org.fourmu.physics.event.Track;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.random.RandomStreams;
import org.junit.jupiter.api.Test;

class ParticleIdentificationTest {

    /** Synthetic labelled tracks: muons penetrate the KLM and deposit a MIP; pions mostly stop; electrons shower. */
    private static PidPdfs.LabelledTrack sample(ParticleHypothesis h, double p, UniformRandomProvider rng) {
        var gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double klm = switch (h) {
            case MUON -> p > 0.7 ? Math.min(1.0, 0.95 + 0.05 * gauss.sample()) : 0.0;
            case PION -> rng.nextDouble() < 0.05 ? 0.8 : 0.1 * rng.nextDouble();
            case ELECTRON -> 0.0;
        };
        double eOverP = switch (h) {
            case MUON -> 0.2 / p + 0.02 * gauss.sample();
            case PION -> rng.nextDouble() < 0.3 ? 0.5 * rng.nextDouble() : 0.2 / p;
            case ELECTRON -> 1.0 + 0.04 * gauss.sample();
        };
        return new PidPdfs.LabelledTrack(new PidObservables(p, 1.5, klm, Math.max(0, eOverP), 1 + 0.06 * gauss.sample()), h, 1.0);
    }

    private static PidPdfs pdfs() {
        List<PidPdfs.LabelledTrack> training = new ArrayList<>();
        UniformRandomProvider rng = RandomStreams.forKeys(3, 0);
        for (int i = 0; i < 30000; i++) {
            double p = 0.8 + 3 * rng.nextDouble();
            training.add(sample(ParticleHypothesis.values()[i % 3], p, rng));
        }
        return PidPdfs.fit(training, PidPdfs.DEFAULT_EDGES);
    }

    @Test
    void likelihoodRatiosSeparateMuonsFromPionsAndElectrons() {
        PidPdfs pdfs = pdfs();
        UniformRandomProvider rng = RandomStreams.forKeys(3, 1);
        int n = 3000;
        int muonsKept = 0;
        int pionsFaking = 0;
        int electronsFound = 0;
        for (int i = 0; i < n; i++) {
            double p = 1 + 2 * rng.nextDouble();
            muonsKept += muonId(pdfs, sample(ParticleHypothesis.MUON, p, rng).observables()) > 0.5 ? 1 : 0;
            pionsFaking += muonId(pdfs, sample(ParticleHypothesis.PION, p, rng).observables()) > 0.5 ? 1 : 0;
            PidObservables e = sample(ParticleHypothesis.ELECTRON, p, rng).observables();
            electronsFound += pdfs.likelihood(e, ParticleHypothesis.ELECTRON) > pdfs.likelihood(e, ParticleHypothesis.MUON) ? 1 : 0;
        }
        assertTrue(muonsKept > 0.95 * n, "muon efficiency " + muonsKept / (double) n);
        assertTrue(pionsFaking < 0.1 * n, "pion fake rate " + pionsFaking / (double) n);
        assertTrue(electronsFound > 0.98 * n);
    }

    private static double muonId(PidPdfs pdfs, PidObservables o) {
        double m = pdfs.likelihood(o, ParticleHypothesis.MUON);
        return m / (m + pdfs.likelihood(o, ParticleHypothesis.PION) + pdfs.likelihood(o, ParticleHypothesis.ELECTRON));
    }

    @Test
    void precomputedLikelihoodsWinOverThePdfs() {
        FourVector v = FourVector.fromPolar(2, 1.5, 0, 0.105);
        double[] cov = new double[HelixParameters.PACKED_SIZE];
        for (int i = 0; i < 5; i++) {
            cov[HelixParameters.packedIndex(i, i)] = 1e-8;
        }
        Track t = new Track(HelixParameters.fromMomentum(v.px(), v.py(), v.pz(), -1, 0, 0, 1.5, cov), 0, 14, 2.0, 1,
                OptionalDouble.of(0.97), OptionalDouble.of(0.01));
        ParticleIdentification.Decision d = new ParticleIdentification(pdfs(), 0.5, 0.5).identify(t);
        assertEquals(0.97, d.muonId());
        assertTrue(d.muon());
    }

    @Test
    void pdfIsNormalisedAndNeverZero() {
        BinnedPdf pdf = BinnedPdf.of(new double[] {0.1, 0.1, 0.2}, new double[] {1, 1, 1}, 0, 1, 10, 0.01);
        double integral = 0;
        for (double d : pdf.density()) {
            integral += d * 0.1;
            assertTrue(d > 0);
        }
        assertEquals(1.0, integral, 1e-12);
    }
}
