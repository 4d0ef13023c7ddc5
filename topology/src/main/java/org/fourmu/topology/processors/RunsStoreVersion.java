package org.fourmu.topology.processors;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the updates of the global runs store. The store's values are Avro records, decoded again on every read;
 * a reader on a stream thread may keep what it decoded for a run as long as this count has not moved since it
 * read it (the count is read before the store, so an update racing the read only costs one more decoding).
 */
public final class RunsStoreVersion {

    private final AtomicLong updates = new AtomicLong();

    /** The number of updates so far. */
    public long current() {
        return updates.get();
    }

    /** Called by the global store's updater after each write. */
    void advance() {
        updates.incrementAndGet();
    }
}
