package org.fourmu.simulation.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** Draws with Java2D into an image (written as PNG), at {@code scale} pixels per SVG pixel. */
final class RasterCanvas implements Canvas {

    private final BufferedImage image;
    private final Graphics2D g;

    RasterCanvas(int width, int height, double scale) {
        image = new BufferedImage((int) Math.round(width * scale), (int) Math.round(height * scale), BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(scale, scale);
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, width, height));
    }

    private static Path2D.Double path(double[] x, double[] y) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(x[0], y[0]);
        for (int i = 1; i < x.length; i++) {
            p.lineTo(x[i], y[i]);
        }
        return p;
    }

    @Override
    public void polyline(double[] x, double[] y, Color colour, double width, boolean dashed) {
        if (x.length == 0) {
            return;
        }
        g.setColor(colour);
        g.setStroke(dashed ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {7, 4}, 0)
                : new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        g.draw(path(x, y));
    }

    @Override
    public void polygon(double[] x, double[] y, Color fill) {
        if (x.length == 0) {
            return;
        }
        Path2D.Double p = path(x, y);
        p.closePath();
        g.setColor(fill);
        g.fill(p);
    }

    @Override
    public void rectangle(double x, double y, double w, double h, Color stroke, Color fill) {
        Rectangle2D.Double r = new Rectangle2D.Double(x, y, w, h);
        if (fill != null) {
            g.setColor(fill);
            g.fill(r);
        }
        if (stroke != null) {
            g.setColor(stroke);
            g.setStroke(new BasicStroke(1f));
            g.draw(r);
        }
    }

    @Override
    public void circle(double x, double y, double r, Color fill) {
        g.setColor(fill);
        g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
    }

    @Override
    public void text(String s, double x, double y, double size, Anchor anchor, boolean vertical, Color colour) {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 1).deriveFont((float) size);
        g.setFont(font);
        g.setColor(colour);
        double w = g.getFontMetrics().getStringBounds(s, g).getWidth();
        double shift = switch (anchor) {
            case START -> 0;
            case MIDDLE -> -w / 2;
            case END -> -w;
        };
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        if (vertical) {
            g.rotate(-Math.PI / 2);
        }
        g.drawString(s, (float) shift, 0f);
        g.setTransform(saved);
    }

    @Override
    public void beginClip(double x, double y, double w, double h) {
        g.setClip(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void endClip() {
        g.setClip(null);
    }

    @Override
    public double textWidth(String s, double size) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 1).deriveFont((float) size));
        return g.getFontMetrics().getStringBounds(s, g).getWidth();
    }

    BufferedImage finish() {
        g.dispose();
        return image;
    }
}
