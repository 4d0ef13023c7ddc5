package org.fourmu.simulation.plot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Maps data values to pixels, linearly or logarithmically, and places labelled ticks. */
final class Axis {

    /** A tick mark; an empty label makes it a minor tick. */
    record Tick(double value, String label) {
    }

    private final double min;
    private final double max;
    private final double pixelMin;
    private final double pixelMax;
    private final boolean log;

    private Axis(double min, double max, double pixelMin, double pixelMax, boolean log) {
        if (!(max > min) || (log && !(min > 0))) {
            throw new IllegalArgumentException("axis range " + min + ".." + max + (log ? " (log)" : ""));
        }
        this.min = min;
        this.max = max;
        this.pixelMin = pixelMin;
        this.pixelMax = pixelMax;
        this.log = log;
    }

    static Axis linear(double min, double max, double pixelMin, double pixelMax) {
        return new Axis(min, max, pixelMin, pixelMax, false);
    }

    static Axis log(double min, double max, double pixelMin, double pixelMax) {
        return new Axis(min, max, pixelMin, pixelMax, true);
    }

    double pixel(double v) {
        double t = log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) : (v - min) / (max - min);
        return pixelMin + t * (pixelMax - pixelMin);
    }

    List<Tick> ticks() {
        return log ? logTicks() : linearTicks();
    }

    /** Steps of 1, 2 or 5 times a power of ten, about six labelled ticks, four minor ticks between. */
    private List<Tick> linearTicks() {
        double raw = (max - min) / 6;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double f : new double[] {1, 2, 5, 10}) {
            step = f * magnitude;
            if (step >= raw) {
                break;
            }
        }
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        List<Tick> out = new ArrayList<>();
        double minor = step / 5;
        for (long k = (long) Math.ceil(min / minor - 1e-9); k * minor <= max + 1e-9 * step; k++) {
            double v = k * minor;
            boolean major = k % 5 == 0;
            out.add(new Tick(v, major ? String.format(Locale.ROOT, "%." + decimals + "f", v == 0 ? 0.0 : v) : ""));
        }
        return out;
    }

    /** Decades labelled 10^k; minor ticks at 2..9 (labelled too when the axis spans less than two decades). */
    private List<Tick> logTicks() {
        int first = (int) Math.floor(Math.log10(min));
        int last = (int) Math.ceil(Math.log10(max));
        boolean labelMinor = last - first <= 2;
        List<Tick> out = new ArrayList<>();
        for (int e = first; e <= last; e++) {
            double decade = Math.pow(10, e);
            for (int m = 1; m <= 9; m++) {
                double v = m * decade;
                if (v < min * (1 - 1e-9) || v > max * (1 + 1e-9)) {
                    continue;
                }
                String label = m == 1 ? power(e) : labelMinor && (m == 2 || m == 5) ? plain(v) : "";
                out.add(new Tick(v, label));
            }
        }
        return out;
    }

    private static String plain(double v) {
        return new BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
    }

    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /** 10 with a Unicode superscript exponent: 10⁻³. */
    static String power(int e) {
        if (e == 0) {
            return "1";
        }
        if (e == 1) {
            return "10";
        }
        StringBuilder sb = new StringBuilder("10");
        if (e < 0) {
            sb.append('⁻');
        }
        for (char d : Integer.toString(Math.abs(e)).toCharArray()) {
            sb.append(SUPERSCRIPTS.charAt(d - '0'));
        }
        return sb.toString();
    }
}
