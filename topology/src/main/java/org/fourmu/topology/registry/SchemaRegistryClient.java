package org.fourmu.topology.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.fourmu.topology.security.KeyStoreFile;
import org.fourmu.topology.security.RegistryCredentials;

/**
 * A client of any registry that speaks the Confluent Schema Registry REST API, caching what never
 * changes: schemas by id, and the id of a schema already registered under a subject.
 */
public final class SchemaRegistryClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;
    private final String authorization;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

    public SchemaRegistryClient(String baseUrl) {
        this(baseUrl, null, null);
    }

    /**
     * A client with HTTP basic authentication ({@code credentials} null for none) that trusts the
     * certificates of {@code trust} for an https URL (null: the JVM's default trust store).
     */
    public SchemaRegistryClient(String baseUrl, RegistryCredentials credentials, KeyStoreFile trust) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (trust != null) {
            builder.sslContext(trust.asTrust());
        }
        this.http = builder.build();
        this.authorization = credentials == null ? null : credentials.authorizationHeader();
    }

    /** A failed registry call, with the Confluent error code when the registry gave one. */
    public static final class RegistryException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final int errorCode;

        RegistryException(int status, int errorCode, String message) {
            super(message);
            this.status = status;
            this.errorCode = errorCode;
        }

        public int status() {
            return status;
        }

        public int errorCode() {
            return errorCode;
        }
    }

    /** Register {@code schema} under {@code subject} (idempotent) and return its global id. */
    public int register(String subject, Schema schema) {
        String key = subject + "\u0000" + schema;
        Integer cached = idsBySubjectAndSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode body = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = body.get("id").asInt();
        idsBySubjectAndSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /** The id of {@code schema} if it is already registered under {@code subject}. */
    public int lookup(String subject, Schema schema) {
        String key = subject + "\u0000" + schema;
        Integer cached = idsBySubjectAndSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode body = call("POST", "/subjects/" + encode(subject), schemaBody(schema));
        int id = body.get("id").asInt();
        idsBySubjectAndSchema.put(key, id);
        return id;
    }

    /** The schema with global id {@code id}. */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode body = call("GET", "/schemas/ids/" + id, null);
        Schema schema = new Schema.Parser().parse(body.get("schema").asText());
        schemasById.put(id, schema);
        return schema;
    }

    /** The latest version under {@code subject}. */
    public RegisteredSchema latest(String subject) {
        JsonNode b = call("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        return new RegisteredSchema(b.get("subject").asText(), b.get("version").asInt(), b.get("id").asInt(),
                b.get("schema").asText());
    }

    /** Whether {@code schema} is compatible with the latest version of {@code subject} under the subject's level. */
    public boolean isCompatible(String subject, Schema schema) {
        return call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema))
                .get("is_compatible").asBoolean();
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode call(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", SchemaRegistryServer.CONTENT_TYPE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", SchemaRegistryServer.CONTENT_TYPE);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (javax.net.ssl.SSLException e) {
            throw new RegistryException(0, 0, "schema registry at " + baseUrl + ": TLS handshake failed (is its certificate "
                    + "in the trust store?): " + e.getMessage());
        } catch (IOException e) {
            throw new RegistryException(0, 0, "schema registry at " + baseUrl + " unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(0, 0, "interrupted while calling the schema registry");
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new RegistryException(response.statusCode(), response.statusCode(), "schema registry at " + baseUrl
                    + (authorization == null ? " requires authentication (HTTP " + response.statusCode() + "): give a user and password"
                    : " refused the credentials (HTTP " + response.statusCode() + "): wrong registry user or password"));
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new RegistryException(response.statusCode(), 0, "schema registry answered " + response.statusCode()
                    + " with a body that is not JSON");
        }
        if (response.statusCode() / 100 != 2) {
            throw new RegistryException(response.statusCode(), json.path("error_code").asInt(response.statusCode()),
                    "schema registry: " + json.path("message").asText("HTTP " + response.statusCode()));
        }
        return json;
    }
}
