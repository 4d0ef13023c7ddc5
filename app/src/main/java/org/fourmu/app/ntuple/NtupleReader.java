package org.fourmu.app.ntuple;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A flat ntuple file read row by row: CSV or Parquet, chosen by the file name. */
public abstract class NtupleReader implements Closeable {

    private final Path file;
    private final List<String> columns;
    private long row;

    protected NtupleReader(Path file, List<String> columns) {
        this.file = file;
        this.columns = List.copyOf(columns);
    }

    public static NtupleReader open(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("ntuple " + file + " does not exist or cannot be read");
        }
        return switch (NtupleFormat.of(file)) {
            case CSV -> CsvNtupleReader.of(file);
            case PARQUET -> ParquetNtupleReader.of(file);
        };
    }

    public Path file() {
        return file;
    }

    /** Column names as written in the file, in order. */
    public List<String> columns() {
        return columns;
    }

    /**
     * The next row's values in column order, or null at the end: a String (CSV; empty for a missing value)
     * or what Parquet stores (Number, CharSequence, Boolean, or null).
     */
    public Object[] next() throws IOException {
        Object[] values = read();
        if (values != null) {
            row++;
        }
        return values;
    }

    /** 1-based number of the row {@link #next} returned last (data rows, the header not counted). */
    public long rowNumber() {
        return row;
    }

    /** The next row's values, {@link #columns} long, or null at the end. */
    protected abstract Object[] read() throws IOException;
}
