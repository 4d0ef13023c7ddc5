package org.fourmu.physics.calibration;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundle as a tree of ordered maps, lists, numbers, strings and bytes: the one source of both
 * the JSON file (for people and git diffs) and the canonical bytes that are hashed. The canonical
 * form stores every double as its IEEE-754 bits, so the hash does not depend on how a JDK prints
 * decimals (Double.toString changed in JDK 19). Nodes written: {@code Map<String, ?>} (insertion
 * order), {@code List<?>}, {@code double[]}, {@code Double}, {@code Long}, {@code String},
 * {@code Boolean}, {@code byte[]}. Nodes read from JSON: maps, lists, Double, Long, String, Boolean.
 */
final class BundleTree {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private BundleTree() {
    }

    static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }

    /** Pretty JSON with '\n' line ends on every platform. */
    static byte[] toJson(Object node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance);
            g.setPrettyPrinter(pretty);
            write(node, g);
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(Object node, JsonGenerator g) throws IOException {
        if (node instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName((String) e.getKey());
                write(e.getValue(), g);
            }
            g.writeEndObject();
        } else if (node instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                write(o, g);
            }
            g.writeEndArray();
        } else if (node instanceof double[] values) {
            g.writeStartArray();
            for (double v : values) {
                g.writeNumber(v);
            }
            g.writeEndArray();
        } else if (node instanceof Double d) {
            g.writeNumber(d);
        } else if (node instanceof Long l) {
            g.writeNumber(l);
        } else if (node instanceof String s) {
            g.writeString(s);
        } else if (node instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (node instanceof byte[] bytes) {
            g.writeBinary(bytes);
        } else {
            throw new IllegalArgumentException("not a bundle tree node: " + node);
        }
    }

    /** SHA-256 of the canonical bytes, lower-case hex. */
    static String sha256(Object node) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                canonical(node, out);
            }
            return HexFormat.of().formatHex(digest.digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void canonical(Object node, DataOutputStream out) throws IOException {
        if (node instanceof Map<?, ?> map) {
            out.writeByte('M');
            out.writeInt(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                string((String) e.getKey(), out);
                canonical(e.getValue(), out);
            }
        } else if (node instanceof List<?> list) {
            out.writeByte('L');
            out.writeInt(list.size());
            for (Object o : list) {
                canonical(o, out);
            }
        } else if (node instanceof double[] values) {
            out.writeByte('A');
            out.writeInt(values.length);
            for (double v : values) {
                out.writeLong(Double.doubleToLongBits(v));
            }
        } else if (node instanceof Double d) {
            out.writeByte('D');
            out.writeLong(Double.doubleToLongBits(d));
        } else if (node instanceof Long l) {
            out.writeByte('J');
            out.writeLong(l);
        } else if (node instanceof String s) {
            out.writeByte('S');
            string(s, out);
        } else if (node instanceof Boolean b) {
            out.writeByte('Z');
            out.writeBoolean(b);
        } else if (node instanceof byte[] bytes) {
            out.writeByte('B');
            out.writeInt(bytes.length);
            out.write(bytes);
        } else {
            throw new IllegalArgumentException("not a bundle tree node: " + node);
        }
    }

    private static void string(String s, DataOutputStream out) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /** Parse JSON into maps, lists, Double, Long and String; anything else is refused. */
    static Object fromJson(byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new CalibrationBundleException("the file is empty");
            }
            Object root = read(p, first);
            if (p.nextToken() != null) {
                throw new CalibrationBundleException("text after the end of the JSON document");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new CalibrationBundleException("not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> map = object();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    if (map.put(name, read(p, p.nextToken())) != null) {
                        throw new CalibrationBundleException("field '" + name + "' appears twice");
                    }
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                    list.add(read(p, v));
                }
                return list;
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_NUMBER_INT -> {
                return p.getLongValue();
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            default -> throw new CalibrationBundleException("unexpected JSON value " + t + " at "
                    + p.currentLocation().offsetDescription());
        }
    }
}
