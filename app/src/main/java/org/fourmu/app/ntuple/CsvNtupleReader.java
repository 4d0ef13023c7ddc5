package org.fourmu.app.ntuple;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** A CSV ntuple (pandas' {@code to_csv} without index, or {@link CsvNtupleWriter}): a header row, then one row per candidate. */
final class CsvNtupleReader implements NtupleReader {

    private final Path file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> columns;
    private long row;

    CsvNtupleReader(Path file) throws IOException {
        this.file = file;
        Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        this.parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true)
                .setAllowMissingColumnNames(true).setCommentMarker('#').get().parse(in);
        this.columns = List.copyOf(parser.getHeaderNames());
        this.records = parser.iterator();
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
    public Object[] next() {
        if (!records.hasNext()) {
            return null;
        }
        CSVRecord r = records.next();
        row++;
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            // a short row leaves its last values missing; the import reports them by column
            values[i] = i < r.size() ? r.get(i) : "";
        }
        return values;
    }

    @Override
    public long rowNumber() {
        return row;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
