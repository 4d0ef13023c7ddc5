package org.fourmu.simulation.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureTest {

    @Test
    void linearTicksShouldFallOnRoundNumbersAndLogTicksOnDecades() {
        List<String> linear = Axis.linear(0.212, 9.0, 0, 100).ticks().stream().map(Axis.Tick::label).filter(s -> !s.isEmpty()).toList();
        assertEquals(List.of("2", "4", "6", "8"), linear);
        List<String> log = Axis.log(3e-3, 20, 100, 0).ticks().stream().map(Axis.Tick::label).filter(s -> !s.isEmpty()).toList();
        assertEquals(List.of("10⁻²", "10⁻¹", "1", "10"), log);
        List<String> narrow = Axis.log(0.15, 0.9, 100, 0).ticks().stream().map(Axis.Tick::label).filter(s -> !s.isEmpty()).toList();
        assertEquals(List.of("0.2", "0.5"), narrow);
        Axis y = Axis.log(1e-3, 1, 400, 100);
        // the geometric mean of the range sits halfway
        assertEquals(250, y.pixel(Math.pow(10, -1.5)), 1e-9);
    }

    @Test
    void curvesShouldBreakAtGapsAndTheSvgBeWellFormed(@TempDir Path dir) throws Exception {
        double[] x = {1, 2, Double.NaN, 4, 5};
        double[] y = {1, 2, Double.NaN, 3, 0};
        Figure f = new Figure("Limits <90% CL> & more", "M [GeV]", "σ × B [fb]").logY()
                .band("Expected ± 1σ", x, new double[] {0.5, 1, Double.NaN, 2, 0.5}, new double[] {2, 3, Double.NaN, 4, 2}, Figure.GREEN)
                .line("Observed", x, y, Figure.BLACK, false)
                .note("L = 178 fb⁻¹");
        Path svg = dir.resolve("f.svg");
        f.writeSvg(svg);
        String text = Files.readString(svg);
        assertFalse(text.contains("NaN") || text.contains("Infinity"), "no undrawable coordinates");
        // the line breaks at the gap and drops the non-positive point on the log axis: two pieces of two points
        assertEquals(2, text.split("<polyline points=\"[^\"]*\" fill=\"none\" stroke=\"#000000\" stroke-width=\"2.00\"", -1).length - 1);
        assertEquals("svg", DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile()).getDocumentElement().getNodeName());
        assertTrue(text.contains("&lt;90% CL&gt; &amp; more"));
    }
}
