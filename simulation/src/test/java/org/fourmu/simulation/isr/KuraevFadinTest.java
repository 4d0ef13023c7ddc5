package org.fourmu.simulation.isr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.random.RandomStreams;
import org.junit.jupiter.api.Test;

class KuraevFadinTest {

    @Test
    void betaAtUpsilon4SShouldBeAboutPointZeroEightSeven() {
        // (2 alpha/pi)(ln(s/me^2) - 1) at sqrt(s) = 10.58 GeV: ln(10.58^2/0.000511^2) = 19.87
        assertEquals(2 / 137.035999084 / Math.PI * (2 * Math.log(10.58 / 0.51099895e-3) - 1), KuraevFadin.beta(10.58 * 10.58), 1e-12);
        assertEquals(0.0876, KuraevFadin.beta(10.58 * 10.58), 1e-3);
    }

    @Test
    void sampledFractionsShouldFollowTheRadiator() {
        double beta = 0.0876 / 2;
        UniformRandomProvider rng = RandomStreams.forKeys(9, 1);
        int n = 200_000;
        double mean = 0, above = 0;
        for (int i = 0; i < n; i++) {
            double x = KuraevFadin.sample(rng, beta);
            mean += x;
            above += x > 0.1 ? 1 : 0;
        }
        // <x> = int x W = beta/(1+beta) (1 + 3 beta/4) - beta (1/2 - 1/6)
        double expectedMean = beta / (1 + beta) * (1 + 0.75 * beta) - beta / 3;
        assertEquals(expectedMean, mean / n, 4 * 0.1 / Math.sqrt(n));
        // P(x > 0.1) = 1 - 0.1^beta (1 + 3 beta/4) + beta (0.1 - 0.1^2/4) ... from the integral of W over [0, 0.1]
        double below = Math.pow(0.1, beta) * (1 + 0.75 * beta) - beta * (0.1 - 0.01 / 4);
        assertEquals(1 - below, above / n, 4 * Math.sqrt((1 - below) * below / n));
    }
}
