package org.fourmu.app.ntuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** A CSV ntuple (pandas' {@code to_csv} without index, or {@link CsvNtupleWriter}): a header row, then one row per candidate. */
final class CsvNtupleReader extends NtupleReader {

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;

    private CsvNtupleReader(Path file, CSVParser parser) {
        super(file, parser.getHeaderNames());
        this.parser = parser;
        this.records = parser.iterator();
    }

    static CsvNtupleReader of(Path file) throws IOException {
        return new CsvNtupleReader(file, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setAllowMissingColumnNames(true).setCommentMarker('#').get()
                .parse(Files.newBufferedReader(file, StandardCharsets.UTF_8)));
    }

    @Override
    protected Object[] read() {
        if (!records.hasNext()) {
            return null;
        }
        CSVRecord r = records.next();
        Object[] values = new Object[columns().size()];
        for (int i = 0; i < values.length; i++) {
            // a short row leaves its last values missing; the import reports them by column
            values[i] = i < r.size() ? r.get(i) : "";
        }
        return values;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
