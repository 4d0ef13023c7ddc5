package org.fourmu.topology.processors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A chunk's two forms (sorted offsets, then a bit set) hold exactly the offsets added, in any order. */
class SeenEventNumbersTest {

    @Test
    void chunkHoldsTheOffsetsAddedAndSwitchesToABitSetWhenThatIsShorter() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 20; trial++) {
            BitSet reference = new BitSet();
            byte[] chunk = null;
            int adds = 1 + random.nextInt(1200);
            for (int i = 0; i < adds; i++) {
                int offset = trial % 2 == 0 ? random.nextInt(4096) : 4095 - random.nextInt(Math.min(4096, 300));
                if (!SeenEventNumbers.contains(chunk, offset)) {
                    assertEquals(false, reference.get(offset));
                    chunk = SeenEventNumbers.with(chunk, offset);
                    reference.set(offset);
                }
                int n = reference.cardinality();
                int expectedLength = n < SeenEventNumbers.SPARSE_LIMIT ? 2 * n : SeenEventNumbers.CHUNK_BYTES;
                assertEquals(expectedLength, chunk.length, "bytes for " + n + " events");
            }
            assertArrayEquals(reference.stream().toArray(), SeenEventNumbers.offsets(chunk));
        }
    }

    @Test
    void sparseChunkCostsTwoBytesPerEvent() {
        byte[] chunk = SeenEventNumbers.with(null, 4095);
        chunk = SeenEventNumbers.with(chunk, 0);
        chunk = SeenEventNumbers.with(chunk, 1000);
        assertArrayEquals(new byte[] {0, 0, 0x03, (byte) 0xE8, 0x0F, (byte) 0xFF}, chunk);
    }
}
