package org.fourmu.topology.events;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A list of doubles held as a {@code double[]}: the helix covariance as {@link EventBinaryReader} decodes it, one
 * array per track instead of a boxed {@code Double} per element. Unmodifiable; equal to any list of the same doubles.
 */
public final class PackedDoubles extends AbstractList<Double> implements RandomAccess {

    private final double[] values;

    PackedDoubles(double[] values) {
        this.values = values;
    }

    @Override
    public Double get(int index) {
        return values[index];
    }

    @Override
    public int size() {
        return values.length;
    }

    /**
     * The doubles of {@code list} as an array the caller only reads (or hands to a constructor that copies it, as
     * {@code HelixParameters} does): a packed list's own array, without a copy; a new array for any other list.
     */
    public static double[] readOnlyArray(List<Double> list) {
        if (list instanceof PackedDoubles packed) {
            return packed.values;
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
