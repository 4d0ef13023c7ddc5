package org.fourmu.topology.aggregation;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** A fixed-width big-endian encoding of a long[] for small bookkeeping values in state stores. */
public final class LongArraySerde {

    private LongArraySerde() {
    }

    public static Serde<long[]> serde() {
        Serializer<long[]> ser = (topic, v) -> {
            if (v == null) {
                return null;
            }
            ByteBuffer b = ByteBuffer.allocate(8 * v.length);
            for (long x : v) {
                b.putLong(x);
            }
            return b.array();
        };
        Deserializer<long[]> de = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            long[] v = new long[bytes.length / 8];
            for (int i = 0; i < v.length; i++) {
                v[i] = b.getLong();
            }
            return v;
        };
        return Serdes.serdeFrom(ser, de);
    }
}
