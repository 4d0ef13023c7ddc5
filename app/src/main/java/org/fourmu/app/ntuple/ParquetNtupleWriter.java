package org.fourmu.app.ntuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Writes a Parquet ntuple: one flat column per {@link NtupleColumn}, all optional (a missing value is a null),
 * gzip-compressed with the JDK's codec (no native library).
 */
final class ParquetNtupleWriter implements NtupleWriter {

    private final Schema schema;
    private final ParquetWriter<GenericRecord> writer;

    ParquetNtupleWriter(Path file, List<NtupleColumn> columns) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("ntuple").namespace("org.fourmu.ntuple").fields();
        for (NtupleColumn c : columns) {
            fields = switch (c.type()) {
                case INT -> fields.optionalInt(c.name());
                case LONG -> fields.optionalLong(c.name());
                case DOUBLE -> fields.optionalDouble(c.name());
                case STRING -> fields.optionalString(c.name());
            };
        }
        this.schema = fields.endRecord();
        this.writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file)).withSchema(schema)
                .withConf(new PlainParquetConfiguration()).withDataModel(GenericData.get())
                .withCompressionCodec(CompressionCodecName.GZIP).withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build();
    }

    @Override
    public void write(Object[] values) throws IOException {
        GenericData.Record r = new GenericData.Record(schema);
        for (int i = 0; i < values.length; i++) {
            r.put(i, values[i]);
        }
        writer.write(r);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
