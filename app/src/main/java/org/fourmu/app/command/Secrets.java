package org.fourmu.app.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Where passwords come from: the first line of a file, or an environment variable; never the command line. */
final class Secrets {

    private Secrets() {
    }

    /**
     * The password in {@code file} (its first line, without the line end), else in the environment
     * variable {@code env}; missing both stops with a message naming the option and the variable.
     */
    static String read(Path file, String option, String env) throws IOException {
        if (file != null) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException(option + ": " + file + " does not exist");
            }
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw new IllegalArgumentException(option + ": " + file + " is empty");
            }
            return lines.get(0);
        }
        String value = System.getenv(env);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a password is needed: give " + option + " or set " + env);
        }
        return value;
    }
}
