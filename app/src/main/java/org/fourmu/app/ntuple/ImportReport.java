package org.fourmu.app.ntuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an ntuple import did: rows read, events written, events rejected by reason with the first few
 * examples (file and row), and which columns it ignored or defaulted. Written beside the dataset as
 * {@code ntuple-import.json}.
 *
 * @param trackRows          rows of the track ntuple
 * @param photonRows         rows of the photon ntuple
 * @param runs               runs in the dataset
 * @param eventsWritten      events in the dataset
 * @param eventsRejected     events left out, for the reasons counted in {@code rejectedByReason}
 * @param rowsRejected       rows of the rejected events, plus rows that could not be given to an event
 * @param rejectedByReason   rejected events (or unassignable rows) per reason
 * @param examples           the first rejections, each naming its file and row
 * @param unusedColumns      columns of the files the import does not read
 * @param defaultedColumns   optional columns absent from the files, read as their defaults
 */
public record ImportReport(long trackRows, long photonRows, int runs, long eventsWritten, long eventsRejected, long rowsRejected,
                           Map<String, Long> rejectedByReason, List<String> examples, List<String> unusedColumns,
                           List<String> defaultedColumns) {

    public static final String FILE_NAME = "ntuple-import.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path dataset) throws IOException {
        JSON.writeValue(dataset.resolve(FILE_NAME).toFile(), this);
    }
}
