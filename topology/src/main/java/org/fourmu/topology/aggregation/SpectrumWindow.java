package org.fourmu.topology.aggregation;

import java.time.Duration;

/**
 * The recent-window view of the spectra: candidates are also counted in buckets of record time
 * ({@code bucket} wide), and the window is the last {@code length / bucket} buckets up to a
 * segment's clock, the latest record time it has seen. Record time, not wall clock, so a replay
 * gives the same window; buckets that fall out of the window are deleted.
 */
public record SpectrumWindow(Duration bucket, Duration length) {

    /** Five-minute buckets, the last hour (ARCHITECTURE.md: a recent window for monitoring). */
    public static final SpectrumWindow DEFAULT = new SpectrumWindow(Duration.ofMinutes(5), Duration.ofHours(1));

    public SpectrumWindow {
        if (bucket.isNegative() || bucket.isZero() || length.compareTo(bucket) < 0) {
            throw new IllegalArgumentException("the window needs a positive bucket no longer than the window, got bucket "
                    + bucket + " and length " + length);
        }
        if (length.toMillis() % bucket.toMillis() != 0) {
            throw new IllegalArgumentException("the window length " + length + " must be a whole number of buckets of " + bucket);
        }
    }

    public long bucketMillis() {
        return bucket.toMillis();
    }

    /** Buckets in the window. */
    public int buckets() {
        return (int) (length.toMillis() / bucket.toMillis());
    }

    /** The bucket of a record time (ms since the epoch; times before the epoch go to bucket 0). */
    public long bucketOf(long timestampMillis) {
        return Math.max(0, timestampMillis) / bucketMillis();
    }

    /** The oldest bucket still in the window when the clock reads {@code clockMillis}. */
    public long firstLiveBucket(long clockMillis) {
        return bucketOf(clockMillis) - buckets() + 1;
    }

    /** Start of a bucket [ms since the epoch]. */
    public long bucketStartMillis(long bucket) {
        return bucket * bucketMillis();
    }
}
