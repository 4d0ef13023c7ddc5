package org.fourmu.topology.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.fourmu.topology.security.KafkaClientProperties;
import org.fourmu.topology.security.KeyStoreFile;
import org.fourmu.topology.security.RegistryUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry serving the part of the Confluent Schema Registry REST API that clients and
 * serializers use: register, lookup, schema by id, subjects, versions, latest, compatibility check
 * and configuration. Avro only. Binds to 127.0.0.1 unless told otherwise; with a {@link Security}
 * it serves HTTPS and asks every request for HTTP basic authentication.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CompatibilityLevel DEFAULT_LEVEL = CompatibilityLevel.BACKWARD;
    private static final int MAX_BODY_BYTES = 4 << 20;

    private final SchemaStore store;
    private final HttpServer http;
    private final ExecutorService executor;
    private final boolean ownsStore;
    private final boolean tls;

    /**
     * How the registry is protected: TLS with the server's key store (null: plain HTTP) and basic
     * authentication of these users (null: none).
     */
    public record Security(KeyStoreFile keyStore, RegistryUsers users) {
        public static final Security NONE = new Security(null, null);
    }

    private SchemaRegistryServer(SchemaStore store, boolean ownsStore, String host, int port, Security security)
            throws IOException {
        this.store = store;
        this.ownsStore = ownsStore;
        this.tls = security.keyStore() != null;
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (tls) {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(security.keyStore().asIdentity()));
            this.http = https;
        } else {
            this.http = HttpServer.create(address, 0);
        }
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "schema-registry-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        HttpContext root = http.createContext("/", this::handle);
        if (security.users() != null) {
            root.setAuthenticator(security.users().authenticator("fourmu schema registry"));
        }
        http.start();
    }

    /** A registry kept in the compacted topic {@link KafkaSchemaStore#TOPIC} of the cluster at {@code bootstrapServers}. */
    public static SchemaRegistryServer start(String bootstrapServers, String host, int port) {
        return start(bootstrapServers, KafkaClientProperties.none(), host, port, Security.NONE);
    }

    /**
     * A registry kept in the compacted topic {@link KafkaSchemaStore#TOPIC} of the cluster at
     * {@code bootstrapServers}, reached with {@code kafkaClient}, protected by {@code security}.
     */
    public static SchemaRegistryServer start(String bootstrapServers, KafkaClientProperties kafkaClient, String host, int port,
                                             Security security) {
        KafkaSchemaStore store = new KafkaSchemaStore(bootstrapServers, new HashMap<>(kafkaClient.values()));
        try {
            SchemaRegistryServer server = new SchemaRegistryServer(store, true, host, port, security);
            LOG.info("Schema registry (Confluent API) at {}{}, schemas in topic {}", server.url(),
                    security.users() != null ? " with basic authentication" : "", KafkaSchemaStore.TOPIC);
            return server;
        } catch (IOException | RuntimeException e) {
            store.close();
            throw new IllegalStateException("schema registry cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** A registry over any store, e.g. an {@link InMemorySchemaStore} for tests; the caller owns the store. */
    public static SchemaRegistryServer start(SchemaStore store, String host, int port) {
        return start(store, host, port, Security.NONE);
    }

    /** A registry over any store, protected by {@code security}; the caller owns the store. */
    public static SchemaRegistryServer start(SchemaStore store, String host, int port, Security security) {
        try {
            return new SchemaRegistryServer(store, false, host, port, security);
        } catch (IOException e) {
            throw new IllegalStateException("schema registry cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public String url() {
        InetSocketAddress a = http.getAddress();
        return (tls ? "https://" : "http://") + a.getHostString() + ":" + a.getPort();
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
        if (ownsStore) {
            store.close();
        }
    }

    /** An error with the Confluent API's HTTP status and error code. */
    static final class ApiError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final int code;

        ApiError(int status, int code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Object body;
            int status = 200;
            try {
                body = route(exchange.getRequestMethod(), pathSegments(exchange), exchange);
            } catch (ApiError e) {
                status = e.status;
                body = JSON.createObjectNode().put("error_code", e.code).put("message", e.getMessage());
            } catch (IOException | RuntimeException e) {
                status = 500;
                body = JSON.createObjectNode().put("error_code", 50001).put("message", "internal error: " + e.getMessage());
                LOG.warn("registry request {} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
            }
            byte[] bytes = body instanceof String raw ? raw.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static List<String> pathSegments(HttpExchange exchange) {
        List<String> out = new ArrayList<>();
        for (String s : exchange.getRequestURI().getRawPath().split("/")) {
            if (!s.isEmpty()) {
                out.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private Object route(String method, List<String> p, HttpExchange exchange) throws IOException {
        int n = p.size();
        if (n == 0) {
            return JSON.createObjectNode();
        }
        switch (p.get(0)) {
            case "subjects" -> {
                if (n == 1 && method.equals("GET")) {
                    return JSON.valueToTree(store.subjects());
                }
                String subject = p.get(1);
                if (n == 2 && method.equals("POST")) {
                    return lookup(subject, schemaFrom(exchange));
                }
                if (n == 3 && p.get(2).equals("versions") && method.equals("GET")) {
                    ArrayNode versions = JSON.createArrayNode();
                    existingVersions(subject).forEach(v -> versions.add(v.version()));
                    return versions;
                }
                if (n == 3 && p.get(2).equals("versions") && method.equals("POST")) {
                    return JSON.createObjectNode().put("id", register(subject, schemaFrom(exchange)).id());
                }
                if (n >= 4 && p.get(2).equals("versions") && method.equals("GET")) {
                    RegisteredSchema v = version(subject, p.get(3));
                    return n == 5 && p.get(4).equals("schema") ? v.schema() : describe(v);
                }
            }
            case "schemas" -> {
                if (n >= 3 && p.get(1).equals("ids") && method.equals("GET")) {
                    int id = parseInt(p.get(2), 40403, "schema id");
                    String schema = store.schemaById(id)
                            .orElseThrow(() -> new ApiError(404, 40403, "Schema " + id + " not found"));
                    return n == 4 && p.get(3).equals("schema") ? schema
                            : JSON.createObjectNode().put("schema", schema);
                }
            }
            case "compatibility" -> {
                if (n == 5 && p.get(1).equals("subjects") && p.get(3).equals("versions") && method.equals("POST")) {
                    Schema candidate = schemaFrom(exchange);
                    RegisteredSchema against = version(p.get(2), p.get(4));
                    String problem = levelFor(p.get(2)).check(candidate, List.of(parse(against.schema())));
                    ObjectNode out = JSON.createObjectNode().put("is_compatible", problem == null);
                    if (problem != null) {
                        out.putArray("messages").add(problem);
                    }
                    return out;
                }
            }
            case "config" -> {
                String subject = n >= 2 ? p.get(1) : null;
                if (method.equals("GET")) {
                    CompatibilityLevel level = subject == null ? levelFor(null)
                            : store.compatibility(subject).orElseThrow(() ->
                                    new ApiError(404, 40408, "Subject '" + subject + "' does not have subject-level compatibility configured"));
                    return JSON.createObjectNode().put("compatibilityLevel", level.name());
                }
                if (method.equals("PUT")) {
                    JsonNode body = readBody(exchange);
                    String value = body.path("compatibility").asText(body.path("compatibilityLevel").asText(""));
                    CompatibilityLevel level;
                    try {
                        level = CompatibilityLevel.valueOf(value);
                    } catch (IllegalArgumentException e) {
                        throw new ApiError(422, 42203, "Invalid compatibility level: '" + value + "'");
                    }
                    store.setCompatibility(subject, level);
                    return JSON.createObjectNode().put("compatibility", level.name());
                }
            }
            default -> {
            }
        }
        throw new ApiError(method.equals("GET") || method.equals("POST") || method.equals("PUT") ? 404 : 405,
                method.equals("GET") || method.equals("POST") || method.equals("PUT") ? 404 : 405,
                "Not supported by this registry: " + method + " /" + String.join("/", p));
    }

    private RegisteredSchema register(String subject, Schema schema) {
        String canonical = schema.toString();
        List<RegisteredSchema> versions = store.versions(subject);
        for (RegisteredSchema v : versions) {
            if (v.schema().equals(canonical)) {
                return v;
            }
        }
        List<Schema> previous = new ArrayList<>();
        for (RegisteredSchema v : versions) {
            previous.add(parse(v.schema()));
        }
        String problem = levelFor(subject).check(schema, previous);
        if (problem != null) {
            throw new ApiError(409, 409, "Schema being registered is incompatible with an earlier schema for subject \""
                    + subject + "\": " + problem);
        }
        return store.register(subject, canonical);
    }

    private ObjectNode lookup(String subject, Schema schema) {
        String canonical = schema.toString();
        return existingVersions(subject).stream().filter(v -> v.schema().equals(canonical)).findFirst()
                .map(SchemaRegistryServer::describe)
                .orElseThrow(() -> new ApiError(404, 40403, "Schema not found"));
    }

    private List<RegisteredSchema> existingVersions(String subject) {
        List<RegisteredSchema> versions = store.versions(subject);
        if (versions.isEmpty()) {
            throw new ApiError(404, 40401, "Subject '" + subject + "' not found.");
        }
        return versions;
    }

    private RegisteredSchema version(String subject, String version) {
        List<RegisteredSchema> versions = existingVersions(subject);
        if (version.equals("latest") || version.equals("-1")) {
            return versions.get(versions.size() - 1);
        }
        int v = parseInt(version, 42202, "version");
        Optional<RegisteredSchema> found = versions.stream().filter(s -> s.version() == v).findFirst();
        return found.orElseThrow(() -> new ApiError(404, 40402, "Version " + version + " not found."));
    }

    private CompatibilityLevel levelFor(String subject) {
        if (subject != null) {
            Optional<CompatibilityLevel> own = store.compatibility(subject);
            if (own.isPresent()) {
                return own.get();
            }
        }
        return store.compatibility(null).orElse(DEFAULT_LEVEL);
    }

    private static ObjectNode describe(RegisteredSchema v) {
        return JSON.createObjectNode().put("subject", v.subject()).put("version", v.version())
                .put("id", v.id()).put("schema", v.schema());
    }

    private static int parseInt(String s, int code, String what) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new ApiError(code == 40403 ? 404 : 422, code, "Invalid " + what + ": '" + s + "'");
        }
    }

    private static JsonNode readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new ApiError(413, 41301, "Request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new ApiError(422, 42201, "Request body is not JSON: " + e.getMessage());
            }
        }
    }

    private static Schema schemaFrom(HttpExchange exchange) throws IOException {
        JsonNode body = readBody(exchange);
        String type = body.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new ApiError(422, 42201, "Only AVRO schemas are supported, got " + type);
        }
        JsonNode references = body.path("references");
        if (references.isArray() && references.size() > 0) {
            throw new ApiError(422, 42201, "Schema references are not supported");
        }
        if (!body.hasNonNull("schema")) {
            throw new ApiError(422, 42201, "Missing field 'schema'");
        }
        return parse(body.get("schema").asText());
    }

    private static Schema parse(String text) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new ApiError(422, 42201, "Invalid schema: " + e.getMessage());
        }
    }
}
