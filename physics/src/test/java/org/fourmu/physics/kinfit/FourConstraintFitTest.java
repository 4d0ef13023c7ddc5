package org.fourmu.physics.kinfit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.HelixParameters;
import org.fourmu.physics.event.Track;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.kinematics.Kinematics;
import org.fourmu.physics.random.RandomStreams;
import org.junit.jupiter.api.Test;

class FourConstraintFitTest {

    private static final double M = PhysicalConstants.MUON_MASS_GEV;
    private static final double B = PhysicalConstants.BELLE2_SOLENOID_FIELD_T;
    private static final BeamConditions BEAMS = BeamConditions.NOMINAL;

    /** A true e+e- -> (mu mu)(mu mu) configuration in the lab: pair masses m1, m2, isotropic decays. */
    static List<FourVector> trueMuons(UniformRandomProvider rng, double m1, double m2) {
        FourVector total = BEAMS.initialState();
        double s = total.mass2();
        double p = Kinematics.twoBodyMomentum(s, m1, m2);
        double[] dir = isotropic(rng);
        FourVector pair1 = FourVector.fromMomentumAndMass(p * dir[0], p * dir[1], p * dir[2], m1);
        FourVector pair2 = FourVector.fromMomentumAndMass(-p * dir[0], -p * dir[1], -p * dir[2], m2);
        List<FourVector> out = new ArrayList<>();
        for (FourVector pair : List.of(pair1, pair2)) {
            double q = Kinematics.twoBodyMomentum(pair.mass2(), M, M);
            double[] d = isotropic(rng);
            double[] bPair = pair.boostVector();
            FourVector a = FourVector.fromMomentumAndMass(q * d[0], q * d[1], q * d[2], M).boost(bPair[0], bPair[1], bPair[2]);
            FourVector b = FourVector.fromMomentumAndMass(-q * d[0], -q * d[1], -q * d[2], M).boost(bPair[0], bPair[1], bPair[2]);
            double[] bLab = total.boostVector();
            out.add(a.boost(bLab[0], bLab[1], bLab[2]));
            out.add(b.boost(bLab[0], bLab[1], bLab[2]));
        }
        return out;
    }

    private static double[] isotropic(UniformRandomProvider rng) {
        double c = 2 * rng.nextDouble() - 1;
        double phi = 2 * Math.PI * rng.nextDouble();
        double s = Math.sqrt(1 - c * c);
        return new double[] {s * Math.cos(phi), s * Math.sin(phi), c};
    }

    /** A measured track: the true helix smeared with a correlated Gaussian of the covariance it carries. */
    static Track measured(FourVector truth, int charge, UniformRandomProvider rng) {
        HelixParameters exact = HelixParameters.fromMomentum(truth.px(), truth.py(), truth.pz(), charge, 0, 0, B,
                new double[HelixParameters.PACKED_SIZE]);
        double pt = truth.pt();
        double sigmaPtOverPt = Math.hypot(0.001 * pt, 0.003);
        double[][] cov = new double[5][5];
        cov[0][0] = 1e-6;
        cov[3][3] = 1e-6;
        cov[HelixParameters.OMEGA][HelixParameters.OMEGA] = Math.pow(sigmaPtOverPt * exact.omega(), 2);
        cov[HelixParameters.PHI0][HelixParameters.PHI0] = Math.pow(0.001 + 0.002 / truth.p(), 2);
        cov[HelixParameters.TAN_LAMBDA][HelixParameters.TAN_LAMBDA] = Math.pow(0.0015 + 0.002 / truth.p(), 2);
        double rho = 0.3;
        cov[HelixParameters.OMEGA][HelixParameters.TAN_LAMBDA] = rho * Math.sqrt(
                cov[HelixParameters.OMEGA][HelixParameters.OMEGA] * cov[HelixParameters.TAN_LAMBDA][HelixParameters.TAN_LAMBDA]);
        cov[HelixParameters.TAN_LAMBDA][HelixParameters.OMEGA] = cov[HelixParameters.OMEGA][HelixParameters.TAN_LAMBDA];
        double[][] l = new CholeskyDecomposition(new Array2DRowRealMatrix(cov), 1e-12, 0).getL().getData();
        var gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] z = new double[5];
        for (int i = 0; i < 5; i++) {
            z[i] = gauss.sample();
        }
        double[] x = {exact.d0(), exact.phi0(), exact.omega(), exact.z0(), exact.tanLambda()};
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j <= i; j++) {
                x[i] += l[i][j] * z[j];
            }
        }
        double[] packed = new double[HelixParameters.PACKED_SIZE];
        for (int i = 0; i < 5; i++) {
            for (int j = i; j < 5; j++) {
                packed[HelixParameters.packedIndex(i, j)] = cov[i][j];
            }
        }
        return new Track(new HelixParameters(x[0], x[1], x[2], x[3], x[4], packed), 14, 14, 0.2, 1.0,
                OptionalDouble.empty(), OptionalDouble.empty());
    }

    @Test
    void chi2FollowsFourDegreesOfFreedomPullsHaveUnitWidthAndResolutionImproves() {
        FourConstraintFit fit = FourConstraintFit.forMuons();
        int n = 2000;
        double chi2Sum = 0;
        double pullSum = 0;
        double pullSum2 = 0;
        int pulls = 0;
        double before2 = 0;
        double after2 = 0;
        int converged = 0;
        for (int i = 0; i < n; i++) {
            UniformRandomProvider rng = RandomStreams.forKeys(42, i);
            List<FourVector> truth = trueMuons(rng, 3.0, 0.5);
            int[] charges = {1, -1, 1, -1};
            List<Track> tracks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                tracks.add(measured(truth.get(t), charges[t], rng));
            }
            KinematicFitResult r = fit.fit(tracks, BEAMS.initialState());
            if (!r.converged()) {
                continue;
            }
            converged++;
            chi2Sum += r.chi2();
            for (double p : r.pulls()) {
                pullSum += p;
                pullSum2 += p * p;
                pulls++;
            }
            FourVector sum = r.momenta().get(0).plus(r.momenta().get(1)).plus(r.momenta().get(2)).plus(r.momenta().get(3));
            FourVector target = BEAMS.initialState();
            assertEquals(target.e(), sum.e(), 1e-5);
            assertEquals(target.px(), sum.px(), 1e-5);
            assertEquals(target.pz(), sum.pz(), 1e-5);
            double mTrue = truth.get(0).plus(truth.get(1)).mass();
            double mBefore = tracks.get(0).momentum(M).plus(tracks.get(1).momentum(M)).mass();
            double mAfter = r.momenta().get(0).plus(r.momenta().get(1)).mass();
            before2 += (mBefore - mTrue) * (mBefore - mTrue);
            after2 += (mAfter - mTrue) * (mAfter - mTrue);
        }
        assertTrue(converged > 0.99 * n, "converged " + converged);
        double meanChi2 = chi2Sum / converged;
        // <chi2> = ndf = 4 for Gaussian errors; its standard error over ~2000 fits is sqrt(8/2000) = 0.06
        assertEquals(4.0, meanChi2, 0.25);
        double mean = pullSum / pulls;
        double width = Math.sqrt(pullSum2 / pulls - mean * mean);
        assertEquals(0.0, mean, 0.05);
        assertEquals(1.0, width, 0.05);
        assertTrue(after2 < 0.8 * before2, "fit must sharpen the pair mass: rms before "
                + Math.sqrt(before2 / converged) + ", after " + Math.sqrt(after2 / converged));
    }

    @Test
    void aNonsensicalConstraintIsAnOutcomeNotAnException() {
        UniformRandomProvider rng = RandomStreams.forKeys(1, 1);
        List<FourVector> truth = trueMuons(rng, 2.0, 1.0);
        List<Track> tracks = new ArrayList<>();
        int[] charges = {1, -1, 1, -1};
        for (int t = 0; t < 4; t++) {
            tracks.add(measured(truth.get(t), charges[t], rng));
        }
        KinematicFitResult r = FourConstraintFit.forMuons().fit(tracks, new FourVector(100, 0, 0, 0));
        assertTrue(!r.converged());
        assertEquals(4, r.momenta().size());
    }
}
