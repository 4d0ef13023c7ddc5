package org.fourmu.topology.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.fourmu.avro.Event;
import org.fourmu.topology.events.EventMapper;
import org.fourmu.topology.events.TestEvents;
import org.fourmu.topology.serde.RegistryAvroSerde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry answers an independent client: Confluent's Python SchemaRegistryClient (Debian's
 * python3-confluent-kafka, run with Debian's own /usr/bin/python3), and a record fourmu produced
 * decodes with Debian's python3-avro using the schema fetched by its id. .ci/run installs both.
 */
class ConfluentPythonClientTest {

    @TempDir
    Path dir;

    @Test
    void confluentPythonClientTalksToOurRegistryAndDecodesOurRecord() throws Exception {
        try (SchemaRegistryServer server = SchemaRegistryServer.start(new InMemorySchemaStore(), "127.0.0.1", 0)) {
            Event event = EventMapper.toAvro(TestEvents.fourMuons(77, 12345));
            byte[] bytes = RegistryAvroSerde.forValues(Event.class, new SchemaRegistryClient(server.url()))
                    .serialize("fourmu.events", event);
            Path record = dir.resolve("record.bin");
            Files.write(record, bytes);
            Path script = dir.resolve("check.py");
            try (InputStream in = getClass().getResourceAsStream("/interop/confluent_client_check.py")) {
                Files.copy(in, script);
            }
            Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), server.url(), record.toString())
                    .redirectErrorStream(false).start();
            String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), "python client failed (are python3-confluent-kafka, python3-requests and python3-avro installed?)\n" + stderr);

            JsonNode out = new ObjectMapper().readTree(stdout);
            assertTrue(out.get("subjects").toString().contains("fourmu.events-value"));
            int id = out.get("schema_id").asInt();
            assertEquals(0, out.get("magic").asInt());
            assertEquals(out.get("latest").get("id").asInt(), id);
            assertEquals(77, out.get("event").get("run").asInt());
            assertEquals(12345, out.get("event").get("eventNumber").asLong());
            assertEquals(4, out.get("event").get("tracks").asInt());
            assertEquals(event.getTracks().get(0).getPx(), out.get("event").get("px0").asDouble(), 0.0);
            assertTrue(out.get("compatible_v2").asBoolean());
            assertFalse(out.get("compatible_bad").asBoolean());
            assertEquals("[1,2]", out.get("python_versions").toString());
            assertEquals(1, out.get("lookup_version").asInt());
            assertEquals(out.get("py_id_v2").asInt(), new SchemaRegistryClient(server.url()).latest("python-value").id());
        }
    }
}
