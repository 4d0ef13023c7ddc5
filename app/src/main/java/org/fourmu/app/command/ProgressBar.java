package org.fourmu.app.command;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long command on standard error: a bar redrawn at most twice a second on a terminal,
 * a plain line every 10% otherwise (logs stay readable).
 */
final class ProgressBar {

    private static final int WIDTH = 40;
    private final String what;
    private final long total;
    private final long startNanos = System.nanoTime();
    private final boolean terminal = System.console() != null;
    private final PrintStream out = System.err;
    private long lastDrawNanos;
    private int lastDecile = -1;

    ProgressBar(String what, long total) {
        this.what = what;
        this.total = Math.max(total, 1);
    }

    void update(long done) {
        long now = System.nanoTime();
        double seconds = (now - startNanos) * 1e-9;
        double rate = done / Math.max(seconds, 1e-9);
        double eta = done > 0 ? seconds * (total - done) / done : 0;
        if (terminal) {
            if (now - lastDrawNanos < 500_000_000L && done < total) {
                return;
            }
            lastDrawNanos = now;
            int filled = (int) (WIDTH * Math.min(done, total) / total);
            out.printf(Locale.ROOT, "\r[%s%s] %d/%d %s  %.0f/s  eta %.0f s", "#".repeat(filled), " ".repeat(WIDTH - filled),
                    done, total, what, rate, eta);
        } else {
            int decile = (int) (10 * Math.min(done, total) / total);
            if (decile == lastDecile) {
                return;
            }
            lastDecile = decile;
            out.printf(Locale.ROOT, "%3d%%  %d/%d %s  %.0f/s  eta %.0f s%n", 10 * decile, done, total, what, rate, eta);
        }
    }

    /** Ends the bar's line. */
    void done() {
        if (terminal) {
            out.println();
        }
    }
}
