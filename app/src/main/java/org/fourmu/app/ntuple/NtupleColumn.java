package org.fourmu.app.ntuple;

/**
 * One column of a flat ntuple: its basf2-style name, its type, whether the import needs it, and its unit.
 *
 * @param name     the name as written (basf2's ROOT-compatible spelling where one exists)
 * @param type     value type
 * @param required whether an import refuses a file without it
 * @param unit     unit, or "" for dimensionless and counts
 */
public record NtupleColumn(String name, Type type, boolean required, String unit) {

    /** Value types; integers may be written as integral floating-point numbers (basf2 writes most variables as double). */
    public enum Type { INT, LONG, DOUBLE, STRING }

    static NtupleColumn required(String name, Type type, String unit) {
        return new NtupleColumn(name, type, true, unit);
    }

    static NtupleColumn optional(String name, Type type, String unit) {
        return new NtupleColumn(name, type, false, unit);
    }

    /** The name a reader matches on: {@link NtupleLayout#canonical} of {@link #name}. */
    public String key() {
        return NtupleLayout.canonical(name);
    }
}
