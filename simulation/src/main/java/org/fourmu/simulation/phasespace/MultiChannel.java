package org.fourmu.simulation.phasespace;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.kinematics.FourVector;

/**
 * Multi-channel phase-space sampling (Kleiss and Pittau, Comput. Phys. Commun. 83 (1994) 141):
 * a channel i is chosen with probability alpha_i, and every point gets the weight
 * 1 / sum_i alpha_i g_i(p), where g_i is channel i's density in dPhi_n, so each channel covers
 * one peak of the integrand and the estimate stays unbiased.
 */
public final class MultiChannel {

    /** One way of sampling the n-body phase space of the c.m. frame, with its density for any point. */
    public interface Channel {

        /** A point, or null when the sampled variables fall outside phase space. */
        FourVector[] generate(UniformRandomProvider rng, double sqrtS);

        /** The density of this channel at p with respect to dPhi_n (0 where it cannot generate p). */
        double density(FourVector[] p, double sqrtS);
    }

    private final List<Channel> channels;
    private final double[] alpha;

    public MultiChannel(List<Channel> channels, double[] alpha) {
        if (channels.size() != alpha.length) {
            throw new IllegalArgumentException("one weight per channel");
        }
        this.channels = List.copyOf(channels);
        double sum = 0;
        for (double a : alpha) {
            sum += a;
        }
        this.alpha = new double[alpha.length];
        for (int i = 0; i < alpha.length; i++) {
            this.alpha[i] = alpha[i] / sum;
        }
    }

    /** Equal channel weights. */
    public MultiChannel(List<Channel> channels) {
        this(channels, uniform(channels.size()));
    }

    private static double[] uniform(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, 1.0);
        return a;
    }

    public PhaseSpacePoint generate(UniformRandomProvider rng, double sqrtS) {
        double u = rng.nextDouble();
        int pick = alpha.length - 1;
        double acc = 0;
        for (int i = 0; i < alpha.length; i++) {
            acc += alpha[i];
            if (u < acc) {
                pick = i;
                break;
            }
        }
        FourVector[] p = channels.get(pick).generate(rng, sqrtS);
        if (p == null) {
            return new PhaseSpacePoint(null, 0);
        }
        double g = 0;
        for (int i = 0; i < alpha.length; i++) {
            g += alpha[i] * channels.get(i).density(p, sqrtS);
        }
        return new PhaseSpacePoint(p, g > 0 ? 1 / g : 0);
    }
}
