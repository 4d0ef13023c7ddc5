package org.fourmu.physics.spectrum;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The project's one histogram: exact integer counts in uniform bins of reduced mass. Bins are
 * far narrower than the signal resolution (docs/decisions.md: 0.1 MeV against >= 2 MeV), so a
 * binned likelihood is the unbinned one to within 1/400 of sigma^2 in the shape. Histograms with
 * the same binning merge by adding counts; any other merge is refused.
 */
public final class Histogram {

    /** Default binning: 0-10 GeV in 0.1 MeV bins. */
    public static final double DEFAULT_LOW_GEV = 0.0;
    public static final double DEFAULT_HIGH_GEV = 10.0;
    public static final int DEFAULT_BINS = 100_000;

    private static final int MAGIC = 0x464D4853; // "FMHS"
    private static final int FORMAT_VERSION = 1;

    private final double low;
    private final double high;
    private final long[] counts;
    private long entries;
    private long underflow;
    private long overflow;

    public Histogram(double low, double high, int bins) {
        if (!(high > low) || bins < 1) {
            throw new IllegalArgumentException("binning needs high > low and at least one bin, got [" + low + ", " + high
                    + ") in " + bins);
        }
        this.low = low;
        this.high = high;
        this.counts = new long[bins];
    }

    /** An empty histogram with the default reduced-mass binning. */
    public static Histogram reducedMass() {
        return new Histogram(DEFAULT_LOW_GEV, DEFAULT_HIGH_GEV, DEFAULT_BINS);
    }

    public double low() {
        return low;
    }

    public double high() {
        return high;
    }

    public int bins() {
        return counts.length;
    }

    public double binWidth() {
        return (high - low) / counts.length;
    }

    public double binLow(int bin) {
        return low + bin * binWidth();
    }

    public double binCentre(int bin) {
        return low + (bin + 0.5) * binWidth();
    }

    /** The bin containing x, or -1 below the range and {@code bins()} above it. */
    public int binOf(double x) {
        if (!(x >= low)) {
            return -1;
        }
        if (x >= high) {
            return counts.length;
        }
        return Math.min(counts.length - 1, (int) ((x - low) / (high - low) * counts.length));
    }

    public void fill(double x) {
        fill(x, 1);
    }

    public void fill(double x, long n) {
        int b = binOf(x);
        if (b < 0) {
            underflow += n;
        } else if (b >= counts.length) {
            overflow += n;
        } else {
            counts[b] += n;
        }
        entries += n;
    }

    public long count(int bin) {
        return counts[bin];
    }

    /** Entries including under- and overflow. */
    public long entries() {
        return entries;
    }

    /** Sum of counts in bins [from, to). */
    public long sum(int from, int to) {
        long s = 0;
        for (int b = Math.max(0, from); b < Math.min(counts.length, to); b++) {
            s += counts[b];
        }
        return s;
    }

    public boolean sameBinning(Histogram o) {
        return o.low == low && o.high == high && o.counts.length == counts.length;
    }

    /** Add another histogram's counts; refuses a different binning. */
    public void add(Histogram o) {
        if (!sameBinning(o)) {
            throw new IllegalArgumentException("cannot merge histograms with different binnings: [" + low + ", " + high
                    + ") in " + counts.length + " bins vs [" + o.low + ", " + o.high + ") in " + o.counts.length);
        }
        for (int b = 0; b < counts.length; b++) {
            counts[b] += o.counts[b];
        }
        entries += o.entries;
        underflow += o.underflow;
        overflow += o.overflow;
    }

    public Histogram copy() {
        Histogram h = new Histogram(low, high, counts.length);
        h.add(this);
        return h;
    }

    /** Versioned binary form: magic, version, binning, totals, then the non-empty bins as (gap, count) varints. */
    public void writeTo(OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(MAGIC);
        d.writeShort(FORMAT_VERSION);
        d.writeDouble(low);
        d.writeDouble(high);
        d.writeInt(counts.length);
        d.writeLong(entries);
        d.writeLong(underflow);
        d.writeLong(overflow);
        int nonEmpty = 0;
        for (long c : counts) {
            nonEmpty += c != 0 ? 1 : 0;
        }
        d.writeInt(nonEmpty);
        int last = -1;
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] != 0) {
                writeVarLong(d, b - last);
                writeVarLong(d, counts[b]);
                last = b;
            }
        }
        d.flush();
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    public static Histogram readFrom(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        if (d.readInt() != MAGIC) {
            throw new IOException("not a fourmu histogram (bad magic number)");
        }
        int version = d.readShort();
        if (version != FORMAT_VERSION) {
            throw new IOException("histogram format version " + version + " is not supported (this build reads " + FORMAT_VERSION + ")");
        }
        double low = d.readDouble();
        double high = d.readDouble();
        int bins = d.readInt();
        if (bins < 1 || bins > 100_000_000 || !(high > low)) {
            throw new IOException("corrupt histogram binning: [" + low + ", " + high + ") in " + bins + " bins");
        }
        Histogram h = new Histogram(low, high, bins);
        h.entries = d.readLong();
        h.underflow = d.readLong();
        h.overflow = d.readLong();
        int nonEmpty = d.readInt();
        long bin = -1;
        for (int i = 0; i < nonEmpty; i++) {
            bin += readVarLong(d);
            if (bin < 0 || bin >= bins) {
                throw new IOException("corrupt histogram: bin " + bin + " out of range");
            }
            h.counts[(int) bin] = readVarLong(d);
        }
        return h;
    }

    public static Histogram fromBytes(byte[] bytes) {
        try {
            return readFrom(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void writeVarLong(DataOutputStream d, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            d.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        d.writeByte((int) v);
    }

    private static long readVarLong(DataInputStream d) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = d.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("corrupt histogram: varint too long");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && sameBinning(h) && h.entries == entries && h.underflow == underflow
                && h.overflow == overflow && Arrays.equals(h.counts, counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts) * 31 + Long.hashCode(entries);
    }
}
