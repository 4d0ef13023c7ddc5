package org.fourmu.topology.processors;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The event numbers of each run this task has accepted, per chunk of 4096 consecutive event numbers in a
 * key-value store ("experiment/run/chunk"). A chunk's value has one of two forms, told apart by its length:
 * while it holds fewer than {@value #SPARSE_LIMIT} events, their offsets in the chunk as sorted unsigned 16-bit
 * numbers (2 bytes per event: a skimmed dataset keeps one event in thousands, so most of its chunks hold one);
 * from then on a 4096-bit set ({@value #CHUNK_BYTES} bytes: a run of millions of consecutive events costs a few
 * hundred kilobytes). With exactly-once processing the store's changelog commits with the input offsets, so a
 * record re-read after an aborted transaction finds its event unmarked again.
 */
public final class SeenEventNumbers {

    /** Event numbers per chunk = 2^CHUNK_BITS. */
    public static final int CHUNK_BITS = 12;
    /** Bytes in one chunk's bit set. */
    public static final int CHUNK_BYTES = (1 << CHUNK_BITS) / Byte.SIZE;
    /** Events from which a chunk is stored as a bit set: a sorted list of this many offsets would be as long. */
    public static final int SPARSE_LIMIT = CHUNK_BYTES / 2;

    private final KeyValueStore<String, byte[]> store;
    /**
     * The chunk of the last event marked, as last written to the store: consecutive events of a run share a chunk,
     * so most events need no store read (one was a tenth of the stream thread). Valid because this object is the
     * store's only writer and is made anew in the processor's init(), which Kafka Streams calls again after every
     * restore or dirty close of the task.
     */
    private int lastExperiment;
    private int lastRun;
    private long lastChunk = -1;
    private String lastKey;
    private byte[] lastValue;

    /** @param store the task's store, written only through this object (see {@link #lastValue}) */
    public SeenEventNumbers(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** The store key of the chunk holding an event number. */
    public static String chunkKey(int experiment, int run, long eventNumber) {
        return experiment + "/" + run + "/" + (eventNumber >>> CHUNK_BITS);
    }

    /** Whether a stored chunk value holds an offset (0 .. 4095). */
    public static boolean contains(byte[] chunk, int offset) {
        if (chunk == null) {
            return false;
        }
        if (chunk.length == CHUNK_BYTES) {
            return (chunk[offset >>> 3] & (1 << (offset & 7))) != 0;
        }
        return sparseIndex(chunk, offset) >= 0;
    }

    /**
     * Marks the event seen.
     *
     * @return true the first time an (experiment, run, event number) is marked, false for every later time
     */
    public boolean markFirstSeen(int experiment, int run, long eventNumber) {
        long chunk = eventNumber >>> CHUNK_BITS;
        if (chunk != lastChunk || run != lastRun || experiment != lastExperiment) {
            lastKey = chunkKey(experiment, run, eventNumber);
            lastValue = store.get(lastKey);
            lastExperiment = experiment;
            lastRun = run;
            lastChunk = chunk;
        }
        int offset = (int) (eventNumber & ((1 << CHUNK_BITS) - 1));
        if (contains(lastValue, offset)) {
            return false;
        }
        lastValue = with(lastValue, offset);
        store.put(lastKey, lastValue);
        return true;
    }

    /**
     * The chunk value with an offset it does not hold added: a bit set is marked in place (the store's cache may hold
     * the same array; it is put again at once, and the changelog and RocksDB copy it when written), a sparse list
     * (null: none) is copied into a new, longer array.
     */
    static byte[] with(byte[] stored, int offset) {
        if (stored != null && stored.length == CHUNK_BYTES) {
            stored[offset >>> 3] |= (byte) (1 << (offset & 7));
            return stored;
        }
        int n = stored == null ? 0 : stored.length / 2;
        if (n + 1 < SPARSE_LIMIT) {
            int at = -sparseIndex(stored == null ? new byte[0] : stored, offset) - 1;
            byte[] sparse = new byte[2 * (n + 1)];
            if (stored != null) {
                System.arraycopy(stored, 0, sparse, 0, 2 * at);
                System.arraycopy(stored, 2 * at, sparse, 2 * at + 2, 2 * (n - at));
            }
            sparse[2 * at] = (byte) (offset >>> 8);
            sparse[2 * at + 1] = (byte) offset;
            return sparse;
        }
        byte[] bits = new byte[CHUNK_BYTES];
        for (int i = 0; i < n; i++) {
            int o = offsetAt(stored, i);
            bits[o >>> 3] |= (byte) (1 << (o & 7));
        }
        bits[offset >>> 3] |= (byte) (1 << (offset & 7));
        return bits;
    }

    private static int offsetAt(byte[] sparse, int i) {
        return ((sparse[2 * i] & 0xFF) << 8) | (sparse[2 * i + 1] & 0xFF);
    }

    /** Binary search of a sparse chunk: the index of the offset, or -(insertion point) - 1. */
    private static int sparseIndex(byte[] sparse, int offset) {
        int lo = 0;
        int hi = sparse.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int o = offsetAt(sparse, mid);
            if (o < offset) {
                lo = mid + 1;
            } else if (o > offset) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    /** The offsets a chunk value holds, ascending (for tests and inspection). */
    public static int[] offsets(byte[] chunk) {
        return java.util.stream.IntStream.range(0, 1 << CHUNK_BITS).filter(o -> contains(chunk, o)).toArray();
    }
}
