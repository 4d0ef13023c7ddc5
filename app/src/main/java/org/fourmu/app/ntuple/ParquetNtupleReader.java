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
final class ParquetNtupleReader extends NtupleReader {

    private final ParquetReader<GenericRecord> reader;

    private ParquetNtupleReader(Path file, List<String> columns, ParquetReader<GenericRecord> reader) {
        super(file, columns);
        this.reader = reader;
    }

    static ParquetNtupleReader of(Path file) throws IOException {
        List<String> columns;
        try (ParquetFileReader footer = ParquetFileReader.open(new LocalInputFile(file))) {
            columns = footer.getFileMetaData().getSchema().getFields().stream().map(Type::getName).toList();
        }
        return new ParquetNtupleReader(file, columns, AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file),
                new PlainParquetConfiguration()).withDataModel(GenericData.get()).build());
    }

    @Override
    protected Object[] read() throws IOException {
        GenericRecord r = reader.read();
        if (r == null) {
            return null;
        }
        Object[] values = new Object[columns().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.get(i);
        }
        return values;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
