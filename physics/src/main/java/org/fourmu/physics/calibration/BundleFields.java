package org.fourmu.physics.calibration;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one JSON object of a bundle: each accessor names the full path of a missing or mistyped
 * field, and {@link #done()} refuses fields the format does not know.
 */
final class BundleFields {

    private final String path;
    private final Map<?, ?> map;
    private final Set<String> read = new LinkedHashSet<>();

    private BundleFields(String path, Map<?, ?> map) {
        this.path = path;
        this.map = map;
    }

    static BundleFields of(Object node, String path) {
        if (!(node instanceof Map<?, ?> m)) {
            throw new CalibrationBundleException("'" + path + "' must be a JSON object");
        }
        return new BundleFields(path, m);
    }

    String path() {
        return path;
    }

    private String at(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private Object get(String name) {
        read.add(name);
        Object v = map.get(name);
        if (v == null) {
            throw new CalibrationBundleException("missing field '" + at(name) + "'");
        }
        return v;
    }

    BundleFields object(String name) {
        return of(get(name), at(name));
    }

    /** The names of this object's fields, in file order (for maps keyed by model name). */
    List<String> names() {
        List<String> out = new ArrayList<>();
        for (Object k : map.keySet()) {
            out.add((String) k);
        }
        return out;
    }

    double number(String name) {
        return toDouble(get(name), at(name));
    }

    long integer(String name) {
        Object v = get(name);
        if (!(v instanceof Long l)) {
            throw new CalibrationBundleException("'" + at(name) + "' must be an integer");
        }
        return l;
    }

    String string(String name) {
        Object v = get(name);
        if (!(v instanceof String s)) {
            throw new CalibrationBundleException("'" + at(name) + "' must be a string");
        }
        return s;
    }

    boolean flag(String name) {
        Object v = get(name);
        if (!(v instanceof Boolean b)) {
            throw new CalibrationBundleException("'" + at(name) + "' must be true or false");
        }
        return b;
    }

    byte[] bytes(String name) {
        try {
            return Base64.getDecoder().decode(string(name));
        } catch (IllegalArgumentException e) {
            throw new CalibrationBundleException("'" + at(name) + "' is not base64: " + e.getMessage());
        }
    }

    List<?> list(String name) {
        Object v = get(name);
        if (!(v instanceof List<?> l)) {
            throw new CalibrationBundleException("'" + at(name) + "' must be an array");
        }
        return l;
    }

    double[] numbers(String name) {
        List<?> l = list(name);
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toDouble(l.get(i), at(name) + "[" + i + "]");
        }
        return out;
    }

    private static double toDouble(Object v, String where) {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Long l) {
            return l;
        }
        throw new CalibrationBundleException("'" + where + "' must be a number");
    }

    /** Refuse fields this format version does not define. */
    void done() {
        for (Object k : map.keySet()) {
            if (!read.contains((String) k)) {
                throw new CalibrationBundleException("unknown field '" + at((String) k) + "'");
            }
        }
    }

    /** Wrap a construction whose own checks (IllegalArgumentException) should name this object. */
    <T> T build(java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new CalibrationBundleException("'" + path + "': " + e.getMessage(), e);
        }
    }
}
