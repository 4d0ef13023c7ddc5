package org.fourmu.physics.candidates;

import org.fourmu.physics.kinematics.FourVector;

/**
 * One mu+mu- candidate of a selected event: an opposite-sign pair with its recoil pair
 * (paper Sec. IV C), after the 4C fit.
 *
 * @param pairIndex        which of the four pairs (0-3): 2 * (index of the mu+) + index of the mu-
 * @param muPlus           candidate mu+ (lab, fitted)
 * @param muMinus          candidate mu- (lab, fitted)
 * @param recoilMuPlus     the other mu+ (lab, fitted)
 * @param recoilMuMinus    the other mu- (lab, fitted)
 * @param massGeV          M(mumu) after the fit
 * @param reducedMassGeV   M_R = sqrt(M^2 - 4 m_mu^2) after the fit
 * @param massBeforeFitGeV M(mumu) from the measured tracks
 * @param p0GeV            the c.m. momentum of two pairs of masses M(mumu) and 2 m_mu
 * @param features         the 16 MLP inputs in {@link CandidateFeatures#NAMES} order
 */
public record Candidate(int pairIndex,
                        FourVector muPlus,
                        FourVector muMinus,
                        FourVector recoilMuPlus,
                        FourVector recoilMuMinus,
                        double massGeV,
                        double reducedMassGeV,
                        double massBeforeFitGeV,
                        double p0GeV,
                        double[] features) {

    public Candidate {
        features = features.clone();
    }

    @Override
    public double[] features() {
        return features.clone();
    }

    /** Input {@code index} in {@link CandidateFeatures#NAMES} order, without copying the array (scoring in the stream). */
    public double feature(int index) {
        return features[index];
    }

    public MlpRange mlpRange() {
        return MlpRange.of(massGeV);
    }
}
