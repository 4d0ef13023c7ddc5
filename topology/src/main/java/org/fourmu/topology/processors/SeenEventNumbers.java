package org.fourmu.topology.processors;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The event numbers of each run this task has accepted, as 4096-bit sets per chunk of consecutive event
 * numbers in a key-value store ("experiment/run/chunk" -> 512 bytes): one bit per event instead of one
 * key, so a run of millions of events costs a few hundred kilobytes. With exactly-once processing the
 * store's changelog commits with the input offsets, so a record re-read after an aborted transaction
 * finds its bit unset again.
 */
public final class SeenEventNumbers {

    /** Event numbers per chunk = 2^CHUNK_BITS. */
    public static final int CHUNK_BITS = 12;
    /** Bytes in one chunk's bit set. */
    public static final int CHUNK_BYTES = (1 << CHUNK_BITS) / Byte.SIZE;

    private final KeyValueStore<String, byte[]> store;

    public SeenEventNumbers(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** The store key of the chunk holding an event number. */
    public static String chunkKey(int experiment, int run, long eventNumber) {
        return experiment + "/" + run + "/" + (eventNumber >>> CHUNK_BITS);
    }

    /**
     * Marks the event seen.
     *
     * @return true the first time an (experiment, run, event number) is marked, false for every later time
     */
    public boolean markFirstSeen(int experiment, int run, long eventNumber) {
        String key = chunkKey(experiment, run, eventNumber);
        int bit = (int) (eventNumber & ((1 << CHUNK_BITS) - 1));
        byte[] stored = store.get(key);
        if (stored != null && (stored[bit >>> 3] & (1 << (bit & 7))) != 0) {
            return false;
        }
        // a copy: the store's cache may hand out the array it holds
        byte[] bits = stored == null ? new byte[CHUNK_BYTES] : stored.clone();
        bits[bit >>> 3] |= (byte) (1 << (bit & 7));
        store.put(key, bits);
        return true;
    }
}
