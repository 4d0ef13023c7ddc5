package org.fourmu.app.ntuple;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A flat ntuple file read row by row: CSV or Parquet, chosen by the file name. */
public interface NtupleReader extends Closeable {

    Path file();

    /** Column names as written in the file, in order. */
    List<String> columns();

    /**
     * The next row's values in column order, or null at the end: a String (CSV; empty for a missing value)
     * or what Parquet stores (Number, CharSequence, Boolean, or null).
     */
    Object[] next() throws IOException;

    /** 1-based number of the row {@link #next} returned last (data rows, the header not counted). */
    long rowNumber();

    static NtupleReader open(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("ntuple " + file + " does not exist or cannot be read");
        }
        return switch (NtupleFormat.of(file)) {
            case CSV -> new CsvNtupleReader(file);
            case PARQUET -> new ParquetNtupleReader(file);
        };
    }
}
