package org.fourmu.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BACKWARD compatibility of the wire contract: the current schema of every topic value must read
 * data written with every released version (src/test/resources/released/NAME.vK.avsc). When a
 * schema changes compatibly, add its new released copy; an incompatible change fails here.
 */
class SchemaCompatibilityTest {

    static Stream<Object[]> releasedVersions() {
        List<Schema> current = List.of(Event.SCHEMA$, RunInfo.SCHEMA$, Candidate.SCHEMA$, ScanSegment.SCHEMA$,
                LimitCurve.SCHEMA$, DeadLetter.SCHEMA$);
        Stream.Builder<Object[]> out = Stream.builder();
        for (Schema schema : current) {
            assertNotNull(load(schema.getName() + ".v1.avsc"), "no released copy of " + schema.getName());
            for (int version = 1; load(schema.getName() + ".v" + version + ".avsc") != null; version++) {
                out.add(new Object[] {schema.getName() + " v" + version, schema,
                    load(schema.getName() + ".v" + version + ".avsc")});
            }
        }
        return out.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedVersions")
    void currentSchemaReadsEveryReleasedVersion(String label, Schema current, Schema released) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(current, released);
        assertEquals(SchemaCompatibilityType.COMPATIBLE, result.getType(), label + ": " + result.getDescription());
    }

    @Test
    void checkRejectsAFieldAddedWithoutDefault() {
        Schema released = load("RunInfo.v1.avsc");
        String broken = RunInfo.SCHEMA$.toString().replace("\"fields\":[",
                "\"fields\":[{\"name\":\"mandatoryNewField\",\"type\":\"double\"},");
        Schema incompatible = new Schema.Parser().parse(broken);
        assertNotEquals(SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(incompatible, released).getType());
    }

    private static Schema load(String name) {
        try (InputStream in = SchemaCompatibilityTest.class.getResourceAsStream("/released/" + name)) {
            return in == null ? null : new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
