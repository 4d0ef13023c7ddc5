package org.fourmu.app.ntuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The columns of one ntuple file matched against a table layout: where each known column is, which known
 * optional columns are absent, which of the file's columns the import does not use. Reads typed values from a
 * row, refusing what is not one ({@link BadValue}).
 */
final class NtupleHeader {

    private final Path file;
    private final Map<String, Integer> positions = new HashMap<>();
    /** Positions by the names the code asks for, so that a row's values are found without re-canonicalising. */
    private final Map<String, Integer> lookups = new HashMap<>();
    private final List<String> absentOptional = new ArrayList<>();
    private final List<String> unused = new ArrayList<>();

    /** A value that is missing, not a number, not finite, or not an integer where one is needed. */
    static final class BadValue extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String reason;

        BadValue(String column, String reason, Object value) {
            super("column " + column + ": " + reason + (value == null ? "" : " ('" + value + "')"));
            this.reason = reason;
        }
    }

    /** Matches a file's columns; refuses a file without a required column, naming the column, the file, and a near miss. */
    NtupleHeader(Path file, List<String> columns, List<NtupleColumn> layout, String table) {
        this.file = file;
        Map<String, String> byKey = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            String key = NtupleLayout.canonical(columns.get(i));
            if (positions.putIfAbsent(key, i) != null) {
                throw new IllegalArgumentException(table + " ntuple " + file + ": column " + columns.get(i) + " appears twice");
            }
            byKey.put(key, columns.get(i));
        }
        Set<String> known = new LinkedHashSet<>();
        for (NtupleColumn c : layout) {
            known.add(c.key());
            if (!positions.containsKey(c.key())) {
                if (c.required()) {
                    throw new IllegalArgumentException(table + " ntuple " + file + ": required column '" + c.name() + "' is missing"
                            + nearMiss(c.key(), byKey) + " (columns and their basf2 names: docs/ntuple-format.md)");
                }
                absentOptional.add(c.name());
            }
        }
        for (Map.Entry<String, String> e : byKey.entrySet()) {
            if (!known.contains(e.getKey())) {
                unused.add(e.getValue());
            }
        }
        unused.sort(null);
    }

    private static String nearMiss(String key, Map<String, String> byKey) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Map.Entry<String, String> e : byKey.entrySet()) {
            int d = distance(key.toLowerCase(Locale.ROOT), e.getKey().toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = e.getValue();
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 4) ? "; the file has '" + best + "': misspelled?" : "";
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    Path file() {
        return file;
    }

    List<String> absentOptional() {
        return absentOptional;
    }

    List<String> unused() {
        return unused;
    }

    private Object raw(Object[] row, String column) {
        Integer i = lookups.computeIfAbsent(column, c -> positions.getOrDefault(NtupleLayout.canonical(c), -1));
        if (i < 0) {
            return null;
        }
        Object v = row[i];
        return v instanceof CharSequence s && s.toString().isBlank() ? null : v;
    }

    /** A number, NaN included; null when the column is absent or the value is empty. */
    Double number(Object[] row, String column) {
        Object v = raw(row, column);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        try {
            return Double.parseDouble(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new BadValue(column, "not a number", v);
        }
    }

    /** A finite number that must be there. */
    double finite(Object[] row, String column) {
        Double x = number(row, column);
        if (x == null) {
            throw new BadValue(column, "missing value", null);
        }
        if (!Double.isFinite(x)) {
            throw new BadValue(column, "not finite", x);
        }
        return x;
    }

    /** An optional number: basf2 writes NaN for a variable it cannot compute, read here as not provided. */
    Double optionalFinite(Object[] row, String column) {
        Double x = number(row, column);
        if (x == null || Double.isNaN(x)) {
            return null;
        }
        if (Double.isInfinite(x)) {
            throw new BadValue(column, "not finite", x);
        }
        return x;
    }

    /** An integer, written as one or as an integral floating-point number; null when absent, empty or NaN. */
    Long optionalInteger(Object[] row, String column) {
        Object v = raw(row, column);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (!(v instanceof Number)) {
            try {
                return Long.parseLong(v.toString().strip());
            } catch (NumberFormatException e) {
                // maybe written as a floating-point number: below
            }
        }
        double x = number(row, column);
        if (Double.isNaN(x)) {
            return null;
        }
        if (x != Math.rint(x) || Math.abs(x) > 0x1p53) {
            throw new BadValue(column, "not an integer", v);
        }
        return (long) x;
    }

    long integer(Object[] row, String column) {
        Long x = optionalInteger(row, column);
        if (x == null) {
            throw new BadValue(column, "missing value", null);
        }
        return x;
    }

    int intValue(Object[] row, String column) {
        return toInt(column, integer(row, column));
    }

    Integer optionalInt(Object[] row, String column) {
        Long x = optionalInteger(row, column);
        return x == null ? null : toInt(column, x);
    }

    private static int toInt(String column, long x) {
        if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) {
            throw new BadValue(column, "out of the int range", x);
        }
        return (int) x;
    }

    String text(Object[] row, String column) {
        Object v = raw(row, column);
        return v == null ? null : v.toString();
    }
}
