package org.fourmu.app.ntuple;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A flat ntuple file written row by row: CSV or Parquet, chosen by the file name. */
public interface NtupleWriter extends Closeable {

    /** One row, values in the order of the columns given at creation: Integer, Long, Double, String, or null for missing. */
    void write(Object[] values) throws IOException;

    static NtupleWriter create(Path file, List<NtupleColumn> columns) throws IOException {
        return switch (NtupleFormat.of(file)) {
            case CSV -> new CsvNtupleWriter(file, columns);
            case PARQUET -> new ParquetNtupleWriter(file, columns);
        };
    }
}
