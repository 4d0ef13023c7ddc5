package org.fourmu.app.ntuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a CSV ntuple. Doubles as {@link Double#toString}: the shortest decimal that reads back to the same
 * double, so an exported and re-imported dataset gives the same limits bit for bit.
 */
final class CsvNtupleWriter implements NtupleWriter {

    private final CSVPrinter printer;
    private final int width;

    CsvNtupleWriter(Path file, List<NtupleColumn> columns) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        this.width = columns.size();
        this.printer = CSVFormat.RFC4180.builder().setRecordSeparator('\n')
                .setHeader(columns.stream().map(NtupleColumn::name).toArray(String[]::new)).get()
                .print(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    @Override
    public void write(Object[] values) throws IOException {
        if (values.length != width) {
            throw new IllegalArgumentException(values.length + " values for " + width + " columns");
        }
        for (Object v : values) {
            printer.print(v == null ? "" : v.toString());
        }
        printer.println();
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }
}
