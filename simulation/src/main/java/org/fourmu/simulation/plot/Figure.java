package org.fourmu.simulation.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A physics plot: one pair of axes (linear or logarithmic y), filled bands (expected-limit bands,
 * theory bands), lines (solid or dashed), data points with error bars, a legend and notes; written
 * as SVG or PNG (Java2D) from the same drawing code.
 */
public final class Figure {

    /** The colours physicists expect: black observed, green +-1 sigma, yellow +-2 sigma. */
    public static final Color BLACK = Color.BLACK;
    public static final Color GREEN = new Color(0x00, 0xcc, 0x00);
    public static final Color YELLOW = new Color(0xff, 0xee, 0x00);
    public static final Color BLUE = new Color(0x1f, 0x4e, 0xc8);
    public static final Color RED = new Color(0xd6, 0x27, 0x28);
    public static final Color PINK = new Color(0xf4, 0xa6, 0xb8);
    public static final Color GREY = new Color(0x80, 0x80, 0x80);

    /** Where the legend goes inside the axes. */
    public enum Corner { TOP_LEFT, TOP_RIGHT }

    private static final int WIDTH = 720;
    private static final int HEIGHT = 480;
    private static final double LEFT = 84;
    private static final double RIGHT = 20;
    private static final double TOP = 34;
    private static final double BOTTOM = 58;
    private static final double FONT = 14;
    private static final double TICK_FONT = 12.5;

    private sealed interface Item permits Band, Line, Points, HorizontalLine {
        String name();
    }

    private record Band(String name, double[] x, double[] low, double[] high, Color fill) implements Item {
    }

    private record Line(String name, double[] x, double[] y, Color colour, double width, boolean dashed) implements Item {
    }

    private record Points(String name, double[] x, double[] y, double[] yError, Color colour) implements Item {
    }

    private record HorizontalLine(String name, double y, Color colour, boolean dashed) implements Item {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Item> items = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private boolean logY;
    private double xMin = Double.NaN;
    private double xMax = Double.NaN;
    private double yMin = Double.NaN;
    private double yMax = Double.NaN;
    private Corner legendCorner = Corner.TOP_RIGHT;

    public Figure(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public Figure logY() {
        this.logY = true;
        return this;
    }

    public Figure xRange(double min, double max) {
        this.xMin = min;
        this.xMax = max;
        return this;
    }

    public Figure yRange(double min, double max) {
        this.yMin = min;
        this.yMax = max;
        return this;
    }

    public Figure legend(Corner corner) {
        this.legendCorner = corner;
        return this;
    }

    /** A line of text in the top-left corner of the axes (data set, luminosity, ...). */
    public Figure note(String text) {
        notes.add(text);
        return this;
    }

    /** A filled band between {@code low} and {@code high}; gaps where either is not drawable. */
    public Figure band(String name, double[] x, double[] low, double[] high, Color fill) {
        items.add(new Band(name, x.clone(), low.clone(), high.clone(), fill));
        return this;
    }

    public Figure line(String name, double[] x, double[] y, Color colour, boolean dashed) {
        items.add(new Line(name, x.clone(), y.clone(), colour, 2, dashed));
        return this;
    }

    /** Data points with vertical error bars ({@code yError} may be null). */
    public Figure points(String name, double[] x, double[] y, double[] yError, Color colour) {
        items.add(new Points(name, x.clone(), y.clone(), yError == null ? null : yError.clone(), colour));
        return this;
    }

    public Figure horizontalLine(String name, double y, Color colour, boolean dashed) {
        items.add(new HorizontalLine(name, y, colour, dashed));
        return this;
    }

    public void writeSvg(Path file) throws IOException {
        SvgCanvas c = new SvgCanvas(WIDTH, HEIGHT);
        draw(c);
        Files.writeString(file, c.finish());
    }

    /** PNG at twice the SVG resolution. */
    public void writePng(Path file) throws IOException {
        RasterCanvas c = new RasterCanvas(WIDTH, HEIGHT, 2);
        draw(c);
        ImageIO.write(c.finish(), "png", file.toFile());
    }

    private boolean drawable(double y) {
        return Double.isFinite(y) && (!logY || y > 0);
    }

    private double[] dataRange(boolean yAxis) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Item item : items) {
            double[][] xy = new double[0][];
            if (item instanceof Band b) {
                xy = new double[][] {b.x, b.low, b.x, b.high};
            } else if (item instanceof Line l) {
                xy = new double[][] {l.x, l.y};
            } else if (item instanceof Points p) {
                xy = new double[][] {p.x, p.y};
            }
            for (int k = 0; k + 1 < xy.length; k += 2) {
                for (int i = 0; i < xy[k].length; i++) {
                    double x = xy[k][i];
                    double y = xy[k + 1][i];
                    if (!Double.isFinite(x) || !drawable(y)) {
                        continue;
                    }
                    double v = yAxis ? y : x;
                    if (yAxis && item instanceof Points p && p.yError != null && Double.isFinite(p.yError[i])) {
                        lo = Math.min(lo, logY ? v : v - p.yError[i]);
                        hi = Math.max(hi, v + p.yError[i]);
                    }
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (yAxis && item instanceof HorizontalLine h && drawable(h.y)) {
                lo = Math.min(lo, h.y);
                hi = Math.max(hi, h.y);
            }
        }
        if (!(hi >= lo)) {
            return new double[] {logY && yAxis ? 0.1 : 0, 1};
        }
        return new double[] {lo, hi};
    }

    private void draw(Canvas c) {
        double[] xr = Double.isNaN(xMin) ? dataRange(false) : new double[] {xMin, xMax};
        if (xr[1] == xr[0]) {
            xr = new double[] {xr[0] - 0.5, xr[1] + 0.5};
        }
        double[] yr = yRangeWithMargins();
        Axis x = Axis.linear(xr[0], xr[1], LEFT, WIDTH - RIGHT);
        Axis y = logY ? Axis.log(yr[0], yr[1], HEIGHT - BOTTOM, TOP) : Axis.linear(yr[0], yr[1], HEIGHT - BOTTOM, TOP);
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;

        c.text(title, LEFT, TOP - 12, FONT + 1, Canvas.Anchor.START, false, BLACK);
        c.beginClip(LEFT, TOP, plotW, plotH);
        for (Item item : items) {
            if (item instanceof Band b) {
                drawBand(c, b, x, y);
            } else if (item instanceof Line l) {
                drawLine(c, l.x, l.y, l.colour, l.width, l.dashed, x, y);
            } else if (item instanceof Points p) {
                drawPoints(c, p, x, y);
            } else if (item instanceof HorizontalLine h) {
                drawLine(c, new double[] {xr[0], xr[1]}, new double[] {h.y, h.y}, h.colour, 1.5, h.dashed, x, y);
            }
        }
        c.endClip();
        c.rectangle(LEFT, TOP, plotW, plotH, BLACK, null);
        drawTicks(c, x, y);
        c.text(xLabel, WIDTH - RIGHT, HEIGHT - 14, FONT, Canvas.Anchor.END, false, BLACK);
        c.text(yLabel, 20, TOP, FONT, Canvas.Anchor.END, true, BLACK);
        drawNotes(c);
        drawLegend(c);
    }

    private double[] yRangeWithMargins() {
        if (!Double.isNaN(yMin)) {
            return new double[] {yMin, yMax};
        }
        double[] r = dataRange(true);
        if (logY) {
            double lo = Math.log10(r[0]);
            double hi = Math.log10(r[1]);
            double span = Math.max(hi - lo, 1);
            // room above the curves for the legend
            return new double[] {Math.pow(10, lo - 0.05 * span), Math.pow(10, hi + 0.35 * span)};
        }
        double lo = Math.min(0, r[0]);
        double span = r[1] - lo > 0 ? r[1] - lo : 1;
        return new double[] {r[0] < 0 ? r[0] - 0.05 * span : lo, r[1] + 0.3 * span};
    }

    private void drawBand(Canvas c, Band b, Axis x, Axis y) {
        int i = 0;
        int n = b.x.length;
        while (i < n) {
            while (i < n && !(drawable(b.low[i]) && drawable(b.high[i]) && Double.isFinite(b.x[i]))) {
                i++;
            }
            int start = i;
            while (i < n && drawable(b.low[i]) && drawable(b.high[i]) && Double.isFinite(b.x[i])) {
                i++;
            }
            int len = i - start;
            if (len < 2) {
                continue;
            }
            double[] px = new double[2 * len];
            double[] py = new double[2 * len];
            for (int k = 0; k < len; k++) {
                px[k] = x.pixel(b.x[start + k]);
                py[k] = y.pixel(b.high[start + k]);
                px[2 * len - 1 - k] = x.pixel(b.x[start + k]);
                py[2 * len - 1 - k] = y.pixel(b.low[start + k]);
            }
            c.polygon(px, py, b.fill);
        }
    }

    private void drawLine(Canvas c, double[] xs, double[] ys, Color colour, double width, boolean dashed, Axis x, Axis y) {
        int i = 0;
        int n = xs.length;
        while (i < n) {
            while (i < n && !(drawable(ys[i]) && Double.isFinite(xs[i]))) {
                i++;
            }
            int start = i;
            while (i < n && drawable(ys[i]) && Double.isFinite(xs[i])) {
                i++;
            }
            int len = i - start;
            if (len < 2) {
                continue;
            }
            double[] px = new double[len];
            double[] py = new double[len];
            for (int k = 0; k < len; k++) {
                px[k] = x.pixel(xs[start + k]);
                py[k] = y.pixel(ys[start + k]);
            }
            c.polyline(px, py, colour, width, dashed);
        }
    }

    private void drawPoints(Canvas c, Points p, Axis x, Axis y) {
        for (int i = 0; i < p.x.length; i++) {
            if (!drawable(p.y[i])) {
                continue;
            }
            double px = x.pixel(p.x[i]);
            if (p.yError != null && p.yError[i] > 0) {
                double lo = p.y[i] - p.yError[i];
                double hi = p.y[i] + p.yError[i];
                double pLo = drawable(lo) ? y.pixel(lo) : HEIGHT - BOTTOM;
                c.polyline(new double[] {px, px}, new double[] {pLo, y.pixel(hi)}, p.colour, 1.2, false);
            }
            c.circle(px, y.pixel(p.y[i]), 2.6, p.colour);
        }
    }

    private void drawTicks(Canvas c, Axis x, Axis y) {
        double bottom = HEIGHT - BOTTOM;
        for (Axis.Tick t : x.ticks()) {
            double px = x.pixel(t.value());
            double len = t.label().isEmpty() ? 4 : 8;
            c.polyline(new double[] {px, px}, new double[] {bottom, bottom - len}, BLACK, 1, false);
            c.polyline(new double[] {px, px}, new double[] {TOP, TOP + len}, BLACK, 1, false);
            if (!t.label().isEmpty()) {
                c.text(t.label(), px, bottom + 18, TICK_FONT, Canvas.Anchor.MIDDLE, false, BLACK);
            }
        }
        for (Axis.Tick t : y.ticks()) {
            double py = y.pixel(t.value());
            double len = t.label().isEmpty() ? 4 : 8;
            c.polyline(new double[] {LEFT, LEFT + len}, new double[] {py, py}, BLACK, 1, false);
            c.polyline(new double[] {WIDTH - RIGHT, WIDTH - RIGHT - len}, new double[] {py, py}, BLACK, 1, false);
            if (!t.label().isEmpty()) {
                c.text(t.label(), LEFT - 6, py + 4.5, TICK_FONT, Canvas.Anchor.END, false, BLACK);
            }
        }
    }

    private void drawNotes(Canvas c) {
        double top = TOP + 20;
        double left = legendCorner == Corner.TOP_LEFT ? WIDTH - RIGHT - 10 : LEFT + 10;
        Canvas.Anchor anchor = legendCorner == Corner.TOP_LEFT ? Canvas.Anchor.END : Canvas.Anchor.START;
        for (int i = 0; i < notes.size(); i++) {
            c.text(notes.get(i), left, top + 17 * i, FONT - 1, anchor, false, BLACK);
        }
    }

    private void drawLegend(Canvas c) {
        List<Item> named = items.stream().filter(i -> i.name() != null && !i.name().isEmpty()).toList();
        if (named.isEmpty()) {
            return;
        }
        double size = FONT - 1;
        double row = 19;
        double glyph = 28;
        double width = 0;
        for (Item i : named) {
            width = Math.max(width, c.textWidth(i.name(), size));
        }
        double boxW = width + glyph + 22;
        double boxH = row * named.size() + 8;
        double bx = legendCorner == Corner.TOP_RIGHT ? WIDTH - RIGHT - boxW - 8 : LEFT + 8;
        double by = TOP + 8;
        c.rectangle(bx, by, boxW, boxH, GREY, Color.WHITE);
        for (int k = 0; k < named.size(); k++) {
            double cy = by + 4 + row * k + row / 2;
            double gx = bx + 8;
            Item item = named.get(k);
            if (item instanceof Band b) {
                c.rectangle(gx, cy - 6, glyph, 12, null, b.fill);
            } else if (item instanceof Line l) {
                c.polyline(new double[] {gx, gx + glyph}, new double[] {cy, cy}, l.colour, l.width, l.dashed);
            } else if (item instanceof HorizontalLine h) {
                c.polyline(new double[] {gx, gx + glyph}, new double[] {cy, cy}, h.colour, 1.5, h.dashed);
            } else if (item instanceof Points p) {
                c.polyline(new double[] {gx + glyph / 2, gx + glyph / 2}, new double[] {cy - 6, cy + 6}, p.colour, 1.2, false);
                c.circle(gx + glyph / 2, cy, 2.6, p.colour);
            }
            c.text(named.get(k).name(), gx + glyph + 6, cy + 4.5, size, Canvas.Anchor.START, false, BLACK);
        }
    }
}
