package org.fourmu.simulation.plot;

import java.awt.Color;
import java.util.Locale;

/** Writes the drawing as SVG 1.1 text. */
final class SvgCanvas implements Canvas {

    private final StringBuilder svg = new StringBuilder();
    private int clips;

    SvgCanvas(int width, int height) {
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">%n", width, height, width, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static String points(double[] x, double[] y) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < x.length; i++) {
            sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", x[i], y[i]));
        }
        return sb.toString().strip();
    }

    @Override
    public void polyline(double[] x, double[] y, Color colour, double width, boolean dashed) {
        svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.2f\"%s "
                + "stroke-linejoin=\"round\"/>%n", points(x, y), hex(colour), width, dashed ? " stroke-dasharray=\"7,4\"" : ""));
    }

    @Override
    public void polygon(double[] x, double[] y, Color fill) {
        svg.append(String.format(Locale.ROOT, "<polygon points=\"%s\" fill=\"%s\" stroke=\"none\"/>%n", points(x, y), hex(fill)));
    }

    @Override
    public void rectangle(double x, double y, double w, double h, Color stroke, Color fill) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\" stroke=\"%s\"/>%n",
                x, y, w, h, fill == null ? "none" : hex(fill), stroke == null ? "none" : hex(stroke)));
    }

    @Override
    public void circle(double x, double y, double r, Color fill) {
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" fill=\"%s\"/>%n", x, y, r, hex(fill)));
    }

    @Override
    public void text(String s, double x, double y, double size, Anchor anchor, boolean vertical, Color colour) {
        String a = switch (anchor) {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
        String rotate = vertical ? String.format(Locale.ROOT, " transform=\"rotate(-90 %.2f %.2f)\"", x, y) : "";
        svg.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.1f\" text-anchor=\"%s\" fill=\"%s\"%s>%s</text>%n",
                x, y, size, a, hex(colour), rotate, escape(s)));
    }

    @Override
    public void beginClip(double x, double y, double w, double h) {
        clips++;
        svg.append(String.format(Locale.ROOT, "<clipPath id=\"clip%d\"><rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"/></clipPath>%n"
                + "<g clip-path=\"url(#clip%d)\">%n", clips, x, y, w, h, clips));
    }

    @Override
    public void endClip() {
        svg.append("</g>\n");
    }

    @Override
    public double textWidth(String s, double size) {
        return 0.58 * size * s.length();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    String finish() {
        return svg + "</svg>\n";
    }
}
