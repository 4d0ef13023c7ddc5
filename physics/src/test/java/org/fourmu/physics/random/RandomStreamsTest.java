package org.fourmu.physics.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class RandomStreamsTest {

    @Test
    void sameKeysGiveSameStream() {
        assertEquals(RandomStreams.forKeys(7, 1, 2).nextLong(), RandomStreams.forKeys(7, 1, 2).nextLong());
        assertEquals(RandomStreams.uniform(7, 3, 4), RandomStreams.uniform(7, 3, 4));
    }

    @Test
    void differentKeysOrSeedsGiveDifferentStreams() {
        assertNotEquals(RandomStreams.forKeys(7, 1, 2).nextLong(), RandomStreams.forKeys(7, 2, 1).nextLong());
        assertNotEquals(RandomStreams.forKeys(7, 1).nextLong(), RandomStreams.forKeys(8, 1).nextLong());
    }

    @Test
    void uniformIsFlatOnAverage() {
        double sum = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            sum += RandomStreams.uniform(1, i);
        }
        // mean of U(0,1) is 1/2 with standard error 1/sqrt(12 n) ~ 6.5e-4
        assertEquals(0.5, sum / n, 0.003);
    }
}
