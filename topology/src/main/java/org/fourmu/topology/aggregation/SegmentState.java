package org.fourmu.topology.aggregation;

/**
 * What the segment store keeps per mass segment: candidates counted, the version of its last
 * published scan, and the clock of its recent window (latest record time seen, ms since the epoch).
 * Stored as a long[] ({@link LongArraySerde}); records written before the window existed have no clock.
 */
public record SegmentState(long entries, long version, long clockMillis) {

    /** The clock of a segment that has seen no record yet. */
    public static final long NO_CLOCK = Long.MIN_VALUE;

    /** The state stored as {@code v}; an empty state for null. */
    public static SegmentState of(long[] v) {
        if (v == null) {
            return new SegmentState(0, 0, NO_CLOCK);
        }
        return new SegmentState(v[0], v[1], v.length > 2 ? v[2] : NO_CLOCK);
    }

    public long[] toArray() {
        return new long[] {entries, version, clockMillis};
    }
}
