package org.fourmu.app.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.apache.avro.Schema;
import org.fourmu.app.kafka.EmbeddedKafka;
import org.fourmu.avro.Event;
import org.fourmu.avro.RunInfo;
import org.fourmu.topology.registry.CompatibilityLevel;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry keeps its schemas in a compacted topic: ids, versions and config survive a restart of registry and broker. */
class KafkaBackedRegistryTest {

    @TempDir
    Path dir;

    @Test
    void idsVersionsAndConfigSurviveRestarts() {
        int eventId;
        int runId;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0);
             SchemaRegistryServer registry = SchemaRegistryServer.start(kafka.bootstrapServers(), "127.0.0.1", 0)) {
            SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
            eventId = client.register("fourmu.events-value", Event.getClassSchema());
            runId = client.register("fourmu.runs-value", RunInfo.getClassSchema());
            Schema v2 = new Schema.Parser().parse(RunInfo.getClassSchema().toString().replace("\"fields\":[",
                    "\"fields\":[{\"name\":\"extra\",\"type\":\"int\",\"default\":0},"));
            client.register("fourmu.runs-value", v2);
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0);
             SchemaRegistryServer registry = SchemaRegistryServer.start(kafka.bootstrapServers(), "127.0.0.1", 0)) {
            SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
            assertEquals(Event.getClassSchema(), client.schemaById(eventId));
            assertEquals(RunInfo.getClassSchema(), client.schemaById(runId));
            assertEquals(2, client.latest("fourmu.runs-value").version());
            assertEquals(eventId, client.register("fourmu.events-value", Event.getClassSchema()), "same schema, same id");
            int fresh = client.register("other-value", new Schema.Parser().parse(
                    "{\"type\":\"record\",\"name\":\"O\",\"fields\":[]}"));
            assertEquals(4, fresh, "ids continue after the restart instead of being reused");
        }
    }

    @Test
    void compatibilityLevelIsKeptInTheTopic() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            try (SchemaRegistryServer registry = SchemaRegistryServer.start(kafka.bootstrapServers(), "127.0.0.1", 0)) {
                var http = java.net.http.HttpClient.newHttpClient();
                http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(registry.url() + "/config"))
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"FULL\"}")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            }
            try (SchemaRegistryServer registry = SchemaRegistryServer.start(kafka.bootstrapServers(), "127.0.0.1", 0)) {
                var http = java.net.http.HttpClient.newHttpClient();
                String body = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(registry.url() + "/config")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                assertEquals("{\"compatibilityLevel\":\"" + CompatibilityLevel.FULL + "\"}", body);
            }
        }
    }
}
