package org.fourmu.topology.registry;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The Confluent registry's compatibility levels, checked with Avro's own SchemaCompatibility.
 */
public enum CompatibilityLevel {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    /**
     * Whether {@code candidate} may follow {@code previous} (oldest first).
     *
     * @return null when compatible, otherwise the first incompatibility found
     */
    public String check(Schema candidate, List<Schema> previous) {
        if (this == NONE || previous.isEmpty()) {
            return null;
        }
        boolean transitive = name().endsWith("TRANSITIVE");
        List<Schema> against = transitive ? previous : List.of(previous.get(previous.size() - 1));
        for (Schema old : against) {
            if (this != FORWARD && this != FORWARD_TRANSITIVE) {
                String problem = incompatibility(candidate, old);
                if (problem != null) {
                    return "new schema cannot read data written with an earlier version: " + problem;
                }
            }
            if (this != BACKWARD && this != BACKWARD_TRANSITIVE) {
                String problem = incompatibility(old, candidate);
                if (problem != null) {
                    return "an earlier version cannot read data written with the new schema: " + problem;
                }
            }
        }
        return null;
    }

    private static String incompatibility(Schema reader, Schema writer) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        return result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE ? null
                : result.getIncompatibilities().toString();
    }
}
