package org.fourmu.app.ntuple;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.Type;

/** A Parquet ntuple (pandas' {@code to_parquet}, uproot/awkward, or {@link ParquetNtupleWriter}) of flat columns. */
final class ParquetNtupleReader implements NtupleReader {

    private final Path file;
    private final ParquetReader<GenericRecord> reader;
    private final List<String> columns;
    private long row;

    ParquetNtupleReader(Path file) throws IOException {
        this.file = file;
        this.reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file), new PlainParquetConfiguration())
                .withDataModel(GenericData.get()).build();
        try (ParquetFileReader footer = ParquetFileReader.open(new LocalInputFile(file))) {
            this.columns = footer.getFileMetaData().getSchema().getFields().stream().map(Type::getName).toList();
        }
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public Object[] next() throws IOException {
        GenericRecord r = reader.read();
        if (r == null) {
            return null;
        }
        row++;
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.get(i);
        }
        return values;
    }

    @Override
    public long rowNumber() {
        return row;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
