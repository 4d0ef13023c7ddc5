package org.fourmu.simulation.plot;

import java.awt.Color;

/** The drawing operations a {@link Figure} needs, in pixel coordinates (y down); one per output format. */
interface Canvas {

    /** Text anchoring along the baseline. */
    enum Anchor { START, MIDDLE, END }

    void polyline(double[] x, double[] y, Color colour, double width, boolean dashed);

    void polygon(double[] x, double[] y, Color fill);

    void rectangle(double x, double y, double w, double h, Color stroke, Color fill);

    void circle(double x, double y, double r, Color fill);

    /** Text at (x, y) on its baseline, rotated by -90 degrees (reading upwards) if {@code vertical}. */
    void text(String s, double x, double y, double size, Anchor anchor, boolean vertical, Color colour);

    /** Restrict drawing to a rectangle until {@link #endClip()}. */
    void beginClip(double x, double y, double w, double h);

    void endClip();

    /** An estimate of the width of {@code s} in pixels at font size {@code size}. */
    double textWidth(String s, double size);
}
