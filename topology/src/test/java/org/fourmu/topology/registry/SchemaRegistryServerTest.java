package org.fourmu.topology.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.avro.Schema;
import org.fourmu.avro.RunInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryServerTest {

    private static final Schema V1 = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
    private static final Schema V2_WITH_DEFAULT = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
                    + "{\"name\":\"b\",\"type\":\"double\",\"default\":0.0}]}");
    private static final Schema V2_WITHOUT_DEFAULT = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
                    + "{\"name\":\"b\",\"type\":\"double\"}]}");

    private SchemaRegistryServer server;
    private SchemaRegistryClient client;

    @BeforeEach
    void start() {
        server = SchemaRegistryServer.start(new InMemorySchemaStore(), "127.0.0.1", 0);
        client = new SchemaRegistryClient(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registersAndServesSchemasById() {
        int id = client.register("t-value", V1);
        assertEquals(V1, client.schemaById(id));
        assertEquals(id, client.register("t-value", V1), "registration is idempotent");
        assertEquals(id, new SchemaRegistryClient(server.url()).lookup("t-value", V1));
        RegisteredSchema latest = client.latest("t-value");
        assertEquals(1, latest.version());
        assertEquals(id, latest.id());
    }

    @Test
    void sameSchemaUnderAnotherSubjectKeepsItsId() {
        assertEquals(client.register("a-value", V1), client.register("b-value", V1));
        assertNotEquals(client.register("a-value", V1), client.register("a-value", V2_WITH_DEFAULT));
    }

    @Test
    void backwardCompatibleVersionIsAcceptedAndIncompatibleOneRejectedWith409() {
        client.register("t-value", V1);
        assertTrue(client.isCompatible("t-value", V2_WITH_DEFAULT));
        assertFalse(client.isCompatible("t-value", V2_WITHOUT_DEFAULT));
        client.register("t-value", V2_WITH_DEFAULT);
        assertEquals(2, client.latest("t-value").version());
        var e = assertThrows(SchemaRegistryClient.RegistryException.class,
                () -> client.register("t-value", new Schema.Parser().parse(
                        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}")));
        assertEquals(409, e.status());
    }

    @Test
    void unknownIdsAndSubjectsGiveConfluentErrorCodes() {
        var noSchema = assertThrows(SchemaRegistryClient.RegistryException.class, () -> client.schemaById(999));
        assertEquals(40403, noSchema.errorCode());
        var noSubject = assertThrows(SchemaRegistryClient.RegistryException.class, () -> client.latest("nope"));
        assertEquals(40401, noSubject.errorCode());
    }

    @Test
    void servesSubjectsVersionsAndConfig() throws Exception {
        client.register("fourmu.runs-value", RunInfo.getClassSchema());
        HttpClient http = HttpClient.newHttpClient();
        assertEquals("[\"fourmu.runs-value\"]", get(http, "/subjects"));
        assertEquals("[1]", get(http, "/subjects/fourmu.runs-value/versions"));
        assertEquals("{\"compatibilityLevel\":\"BACKWARD\"}", get(http, "/config"));
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/config/x-value"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"NONE\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode());
        assertEquals("{\"compatibilityLevel\":\"NONE\"}", get(http, "/config/x-value"));
    }

    @Test
    void rejectsInvalidSchemaWith42201() {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> r = send(http, "/subjects/t-value/versions", "{\"schema\":\"{not avro\"}");
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("42201"), r.body());
    }

    private String get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpResponse<String> send(HttpClient http, String path, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
