package org.fourmu.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.models.SignalCrossSectionTable;
import org.fourmu.physics.random.RandomStreams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScanCommandTest {

    private static final double LUMI = 178;

    @TempDir
    static Path dir;

    static Path spectrum;
    static Path efficiency;

    /** A flat background around 5.3 GeV with a small Gaussian signal at 5.307 GeV, as reduced masses in a text file. */
    @BeforeAll
    static void writeInputs() throws IOException {
        UniformRandomProvider rng = RandomStreams.forKeys(3, 0);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 8000; i++) {
            lines.add(String.format(Locale.ROOT, "%.7f", 4.9 + 0.9 * rng.nextDouble()));
        }
        double mean = CandidateBuilder.reducedMass(5.307);
        for (int i = 0; i < 25; i++) {
            double g = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
            lines.add(String.format(Locale.ROOT, "%.7f", mean + 0.0048 * g));
        }
        spectrum = dir.resolve("spectrum.txt");
        Files.write(spectrum, lines);
        efficiency = dir.resolve("efficiency.csv");
        Files.writeString(efficiency, "mass,eff_zprime,eff_scalar\n1.0,0.20,0.25\n6.0,0.30,0.28\n");
    }

    private static List<String[]> rows(Path csv) throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            out.add(line.split(",", -1));
        }
        return out;
    }

    private static int column(String[] header, String name) {
        int i = Arrays.asList(header).indexOf(name);
        assertTrue(i >= 0, "column " + name);
        return i;
    }

    @Test
    void shouldTurnYieldLimitsIntoCrossSectionAndCouplingLimitsAndDrawTheFigures() throws Exception {
        Path out = dir.resolve("with-efficiency");
        Path fitInputs = dir.resolve("fit-inputs");
        int code = new CommandLine(new ScanCommand()).execute("--input", spectrum.toString(), "--mass-range", "5.1,5.5",
                "--lumi", Double.toString(LUMI), "--efficiency", efficiency.toString(), "--out", out.toString(),
                "--fit-inputs", fitInputs.toString());
        assertEquals(0, code);
        List<String[]> rows = rows(out.resolve("scan.csv"));
        String[] h = rows.get(0);
        assertTrue(rows.size() > 50, "test masses: " + (rows.size() - 1));
        for (String model : ScanCommand.MODELS) {
            SignalCrossSectionTable unit = SignalCrossSectionTable.shipped(model);
            for (String[] r : rows.subList(1, rows.size())) {
                double m = Double.parseDouble(r[column(h, "mass_gev")]);
                double eff = Double.parseDouble(r[column(h, "efficiency_" + model)]);
                double[] effAt = "zprime".equals(model) ? new double[] {0.20, 0.30} : new double[] {0.25, 0.28};
                assertEquals(effAt[0] + (effAt[1] - effAt[0]) * (m - 1) / 5, eff, 1e-6);
                double yieldUl = Double.parseDouble(r[column(h, "yield_ul")]);
                double xsec = Double.parseDouble(r[column(h, "xsec_ul_" + model + "_fb")]);
                assertEquals(yieldUl / (eff * LUMI), xsec, 1e-5 * xsec);
                double median = Double.parseDouble(r[column(h, "expected_xsec_ul_median_" + model + "_fb")]);
                assertEquals(Double.parseDouble(r[column(h, "expected_yield_ul_median")]) / (eff * LUMI), median, 1e-5 * median);
                double g = Double.parseDouble(r[column(h, "coupling_ul_" + model)]);
                assertEquals(xsec, g * g * unit.sigmaTimesBranchingAtUnitCouplingFb(m), 1e-5 * xsec);
                double low = Double.parseDouble(r[column(h, "g2_band_low_" + model)]);
                double high = Double.parseDouble(r[column(h, "g2_band_high_" + model)]);
                assertTrue(low > 0 && low < Double.parseDouble(r[column(h, "g2_band_central_" + model)]) && high > low);
            }
        }
        String json = Files.readString(out.resolve("scan.json"));
        assertTrue(json.contains("\"excluded_as_g2_explanation_gev\"") && json.contains("\"xsec_ul_min_fb\""), json.substring(0, 400));
        assertFalse(json.contains("limits_left_out"));
        for (String figure : List.of("fit-largest-excess", "local-significance", "yield-limits", "xsec-limits-zprime",
                "coupling-limits-zprime", "xsec-limits-scalar", "coupling-limits-scalar")) {
            Path svg = out.resolve(figure + ".svg");
            // well-formed XML with an svg root
            assertEquals("svg", DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile()).getDocumentElement()
                    .getNodeName(), figure);
        }
        assertEquals(rows.size() - 1, Files.readAllLines(fitInputs.resolve("fits.csv")).size() - 1);
        assertTrue(Files.readAllLines(fitInputs.resolve("histogram.csv")).size() > 1000);
    }

    @Test
    void shouldSayWhyCrossSectionLimitsAreLeftOutWithoutEfficiency() throws Exception {
        Path out = dir.resolve("without-efficiency");
        int code = new CommandLine(new ScanCommand()).execute("--input", spectrum.toString(), "--mass-range", "5.2,5.3",
                "--lumi", "178", "--out", out.toString(), "--no-figures");
        assertEquals(0, code);
        String header = Files.readAllLines(out.resolve("scan.csv")).get(0);
        assertTrue(header.contains("yield_ul") && !header.contains("xsec") && !header.contains("coupling"), header);
        assertTrue(Files.readString(out.resolve("scan.json")).contains("\"limits_left_out\": \"no --efficiency"));
    }
}
