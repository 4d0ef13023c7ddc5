package org.fourmu.simulation.validation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A minimal SVG plot: series of points with error bars and lines, linear or logarithmic y axis. */
public final class SvgPlot {

    private static final int W = 640, H = 420, L = 70, R = 20, T = 30, B = 50;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logY;
    private final List<Series> series = new ArrayList<>();

    /** One data series; err may be null; line draws a polyline instead of markers. */
    public record Series(String name, double[] x, double[] y, double[] err, boolean line) {
    }

    public SvgPlot(String title, String xLabel, String yLabel, boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logY = logY;
    }

    public SvgPlot add(Series s) {
        series.add(s);
        return this;
    }

    private double ty(double y) {
        return logY ? Math.log10(y) : y;
    }

    public void write(Path file) throws IOException {
        double x0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y0 = Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (logY && !(s.y[i] > 0)) {
                    continue;
                }
                x0 = Math.min(x0, s.x[i]);
                x1 = Math.max(x1, s.x[i]);
                double e = s.err == null ? 0 : s.err[i];
                y0 = Math.min(y0, ty(logY ? s.y[i] : s.y[i] - e));
                y1 = Math.max(y1, ty(s.y[i] + e));
            }
        }
        if (!logY) {
            y0 = Math.min(0, y0);
        }
        double pad = (y1 - y0) * 0.05;
        y1 += pad;
        if (logY) {
            y0 -= pad;
        }
        final double fx0 = x0, fx1 = x1, fy0 = y0, fy1 = y1;
        java.util.function.DoubleUnaryOperator px = x -> L + (x - fx0) / (fx1 - fx0) * (W - L - R);
        java.util.function.DoubleUnaryOperator py = y -> H - B - (ty(y) - fy0) / (fy1 - fy0) * (H - T - B);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H));
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\">%s</text>%n", L, esc(title)));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"black\"/>%n", L, T, W - L - R, H - T - B));
        for (int k = 0; k <= 5; k++) {
            double xv = fx0 + k * (fx1 - fx0) / 5;
            double yv = fy0 + k * (fy1 - fy0) / 5;
            double yPix = H - B - k * (H - T - B) / 5.0;
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.3g</text>%n", px.applyAsDouble(xv), H - B + 16, xv));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.3g</text>%n", L - 4, yPix + 4, logY ? Math.pow(10, yv) : yv));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", (W + L) / 2, H - 12, esc(xLabel)));
        sb.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">%s</text>%n", (H) / 2, H / 2, esc(yLabel)));
        for (int si = 0; si < series.size(); si++) {
            Series s = series.get(si);
            String c = COLOURS[si % COLOURS.length];
            if (s.line) {
                StringBuilder pts = new StringBuilder();
                for (int i = 0; i < s.x.length; i++) {
                    if (logY && !(s.y[i] > 0)) {
                        continue;
                    }
                    pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px.applyAsDouble(s.x[i]), py.applyAsDouble(s.y[i])));
                }
                sb.append(String.format("<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>%n", pts, c));
            } else {
                for (int i = 0; i < s.x.length; i++) {
                    if (logY && !(s.y[i] > 0)) {
                        continue;
                    }
                    double cx = px.applyAsDouble(s.x[i]), cy = py.applyAsDouble(s.y[i]);
                    sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", cx, cy, c));
                    if (s.err != null && s.err[i] > 0) {
                        double lo = logY ? Math.max(s.y[i] - s.err[i], s.y[i] * 1e-3) : s.y[i] - s.err[i];
                        sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                            cx, py.applyAsDouble(lo), cx, py.applyAsDouble(s.y[i] + s.err[i]), c));
                    }
                }
            }
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n", W - R - 230, T + 16 + 16 * si, c, esc(s.name)));
        }
        sb.append("</svg>\n");
        Files.writeString(file, sb.toString());
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
