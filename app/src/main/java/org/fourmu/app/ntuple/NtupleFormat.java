package org.fourmu.app.ntuple;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats of a flat ntuple, told apart by the file name. */
public enum NtupleFormat {
    CSV, PARQUET;

    public static NtupleFormat of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".parquet") || name.endsWith(".parq")) {
            return PARQUET;
        }
        throw new IllegalArgumentException("ntuple " + file + ": the name must end in .csv or .parquet");
    }

    /** A sibling table of an ntuple file: {@code tracks.csv} and "photons" give {@code tracks-photons.csv}. */
    public static Path sibling(Path file, String table) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling(name.substring(0, dot) + "-" + table + name.substring(dot));
    }
}
