package org.fourmu.physics.pid;

import org.fourmu.physics.event.Track;

/**
 * Muon and electron identification (paper Sec. IV B): basf2-style likelihood ratios
 * muonID = L_mu / (L_mu + L_pi + L_e) and electronID = L_e / (L_mu + L_pi + L_e) from the
 * calibration's PDFs, or the precomputed values when the input carries them.
 *
 * @param pdfs              PDFs from simulation; null means only precomputed likelihoods are usable
 * @param muonThreshold     muonID above which a track is a muon
 * @param electronThreshold electronID above which a track is an electron
 */
public record ParticleIdentification(PidPdfs pdfs, double muonThreshold, double electronThreshold) {

    /** The likelihood ratios of one track and the decisions. */
    public record Decision(double muonId, double electronId, boolean muon, boolean electron) {
    }

    public Decision identify(Track t) {
        double mu;
        double e;
        if (t.muonIdLikelihood().isPresent() && t.electronIdLikelihood().isPresent()) {
            mu = t.muonIdLikelihood().getAsDouble();
            e = t.electronIdLikelihood().getAsDouble();
        } else {
            if (pdfs == null) {
                throw new IllegalStateException("track without precomputed PID and no PID PDFs in the calibration");
            }
            PidObservables o = PidObservables.of(t);
            double lm = pdfs.likelihood(o, ParticleHypothesis.MUON);
            double lp = pdfs.likelihood(o, ParticleHypothesis.PION);
            double le = pdfs.likelihood(o, ParticleHypothesis.ELECTRON);
            double sum = lm + lp + le;
            mu = t.muonIdLikelihood().orElse(lm / sum);
            e = t.electronIdLikelihood().orElse(le / sum);
        }
        return new Decision(mu, e, mu > muonThreshold, e > electronThreshold);
    }
}
