package org.fourmu.app.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web view in a real browser: the demo runs, headless Chromium loads its page, and the DOM the page
 * builds has every panel drawn from the demo's data (as many spectrum bins as the spectrum query answers,
 * significance and limit-curve points, the largest local significance as a number, the fit at the largest
 * excess with as many data points as {@code /api/fit} has bins and both fitted curves) and marks itself
 * ready, with the expected-limit bands and median in every limit panel and the (g-2)_mu band in the
 * coupling panels; its screenshot is not blank. The screenshot is kept as target/web-view.png.
 */
class WebViewInChromiumTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final String MISSING = " not found: install the Debian package chromium "
            + "(apt-get install --no-install-recommends chromium; .ci/run installs it)";
    private static final Duration DEMO_START = Duration.ofSeconds(180);
    private static final Duration FIRST_LIMITS = Duration.ofSeconds(300);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void webViewDrawsEveryPanelFromTheRunningDemo() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + MISSING);
        try (DemoUnderTest demo = DemoUnderTest.start(dir, DEMO_START)) {
            String base = "http://" + demo.target;
            JsonNode limits = awaitLimitsWithCrossSections(base, demo);
            int bins = get(base + "/api/spectra?view=cumulative&rebin=200").path("counts").size();

            String dom = chromium("--dump-dom", base + "/");
            assertTrue(dom.matches("(?s).*<body[^>]*data-ready=\"true\".*"), "the page did not mark itself ready:\n" + head(dom));
            assertEquals(bins, attribute(dom, "path", "class=\"histogram\"", "data-bins"), "spectrum bins drawn");
            // the curve grows while segments get their first scan: bound by the one published after the page was drawn
            JsonNode after = get(base + "/api/limits");
            int points = after.path("points").size();
            for (String panel : List.of("significance", "xsec-zprime", "xsec-scalar", "coupling-zprime", "coupling-scalar")) {
                int drawn = attribute(dom, "figure", "id=\"" + panel + "\"", "data-points");
                assertTrue(drawn > 0 && drawn <= points, panel + ": " + drawn + " points drawn of " + points);
                if (!panel.equals("significance")) {
                    String figure = figure(dom, panel);
                    for (String drawing : List.of("class=\"band-two\"", "class=\"band-one\"", "class=\"median-line\"")) {
                        assertTrue(figure.contains(drawing), panel + ": no " + drawing);
                    }
                    // the (g-2)_mu band of Fig. 14 on the coupling panels only
                    assertEquals(panel.startsWith("coupling"), figure.contains("class=\"band-g2\""), panel + ": (g-2) band");
                }
            }
            // the fit at the largest excess (Fig. 12): the window's bins as data points and both fitted curves
            String fitPanel = figure(dom, "fit");
            int fitBins = attribute(fitPanel, "g", "class=\"fit-data\"", "data-bins");
            assertTrue(fitBins > 50, fitBins + " bins in the fit window");
            assertEquals(fitBins, attribute(dom, "figure", "id=\"fit\"", "data-points"));
            assertTrue(fitPanel.contains("class=\"fit-sb-line\"") && fitPanel.contains("class=\"fit-b-line\""), "fit curves");
            Matcher fitLabel = Pattern.compile("M\\(μμ\\) = ([0-9.]+) GeV/c²</text>.*N_sig = (-?[0-9.]+) ± ([0-9.]+)</text>"
                    + ".*local significance (-?[0-9.]+)σ</text>", Pattern.DOTALL).matcher(fitPanel);
            assertTrue(fitLabel.find(), "fit label:\n" + head(fitPanel));
            JsonNode fit = get(base + "/api/fit?mass=" + fitLabel.group(1));
            assertEquals(fitBins, fit.path("counts").size(), "one point per bin of /api/fit");
            assertEquals(Double.parseDouble(fitLabel.group(1)), fit.path("massGeV").asDouble(), 1e-4);
            Matcher max = Pattern.compile("id=\"significance-max-label\"[^>]*>([0-9.]+)σ local at ([0-9.]+) GeV").matcher(dom);
            assertTrue(max.find(), "largest local significance not shown");
            Matcher version = Pattern.compile("id=\"curve-version\">v(\\d+)<").matcher(dom);
            assertTrue(version.find(), "limit-curve version not shown");
            long shown = Long.parseLong(version.group(1));
            assertTrue(shown >= limits.path("version").asLong() && shown <= after.path("version").asLong(), "version " + shown);
            if (shown == after.path("version").asLong()) {
                assertEquals(String.format(java.util.Locale.ROOT, "%.1f", after.path("maxLocalSignificance").asDouble()), max.group(1));
                assertEquals(String.format(java.util.Locale.ROOT, "%.3f", after.path("maxLocalSignificanceMassGeV").asDouble()), max.group(2));
                assertEquals(String.format(java.util.Locale.ROOT, "%.4f", after.path("maxLocalSignificanceMassGeV").asDouble()),
                        fitLabel.group(1), "the fit panel follows the largest excess");
            }

            Path png = dir.resolve("web-view.png");
            chromium("--screenshot=" + png, "--window-size=1400,1000", base + "/");
            Path kept = Path.of("target", "web-view.png");
            Files.createDirectories(kept.getParent());
            Files.copy(png, kept, StandardCopyOption.REPLACE_EXISTING);
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(1400, image.getWidth());
            assertTrue(luminanceVariance(image) > 100, "blank screenshot: variance " + luminanceVariance(image));
            // the histogram's and the significance curve's blue (the bands' colours are in the legend anyway, and
            // the bands themselves are thin while the background is small: every expected limit is then 2.3 events)
            assertTrue(pixelsOf(image, 0x1f4ec8) > 1000, "spectrum and significance scan not drawn: " + pixelsOf(image, 0x1f4ec8));
        }
    }

    /** Headless Chromium on a fresh profile, its virtual time long enough for a few rounds of polling. */
    private String chromium(String... arguments) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "chromium");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--run-all-compositor-stages-before-draw",
                "--virtual-time-budget=20000"));
        command.addAll(List.of(arguments));
        Path out = dir.resolve("chromium.out");
        Path err = dir.resolve("chromium.err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 180 s:\n" + Files.readString(err));
        }
        assertEquals(0, p.exitValue(), "chromium failed:\n" + Files.readString(err));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static JsonNode awaitLimitsWithCrossSections(String base, DemoUnderTest demo) throws Exception {
        long deadline = System.nanoTime() + FIRST_LIMITS.toNanos();
        while (true) {
            JsonNode limits = get(base + "/api/limits");
            JsonNode spectrum = get(base + "/api/spectra?rebin=1000");
            if (limits != null && spectrum != null && spectrum.path("entries").asLong() > 0) {
                for (JsonNode p : limits.path("points")) {
                    if (p.path("xsecLimitZPrimeFb").isNumber() && p.path("expectedCouplingLimitsScalar").path(4).isNumber()) {
                        return limits;
                    }
                }
            }
            if (!demo.alive() || System.nanoTime() > deadline) {
                throw new AssertionError("no limit curve with cross-section limits within " + FIRST_LIMITS + " (demo alive: "
                        + demo.alive() + ")\n" + demo.log());
            }
            Thread.sleep(2000);
        }
    }

    /** The JSON answer, or null while it is not 200. */
    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    }

    /** The markup of {@code <figure id="ID">}. */
    private static String figure(String dom, String id) {
        int start = dom.indexOf("<figure id=\"" + id + "\"");
        assertTrue(start >= 0, "no figure " + id);
        return dom.substring(start, dom.indexOf("</figure>", start));
    }

    /** The integer attribute {@code name} of the first {@code <tag ...>} whose attributes contain {@code marker}. */
    private static int attribute(String dom, String tag, String marker, String name) {
        Matcher m = Pattern.compile("<" + tag + "\\b[^>]*" + Pattern.quote(marker) + "[^>]*>").matcher(dom);
        assertTrue(m.find(), "no <" + tag + " " + marker + "> in the page:\n" + head(dom));
        Matcher a = Pattern.compile("\\b" + name + "=\"(\\d+)\"").matcher(m.group());
        assertTrue(a.find(), "no " + name + " on " + m.group());
        return Integer.parseInt(a.group(1));
    }

    private static double luminanceVariance(BufferedImage image) {
        double sum = 0;
        double sum2 = 0;
        long n = (long) image.getWidth() * image.getHeight();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                double l = 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
                sum += l;
                sum2 += l * l;
            }
        }
        return sum2 / n - (sum / n) * (sum / n);
    }

    private static long pixelsOf(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int c = image.getRGB(x, y);
                if (Math.abs((c >> 16 & 0xff) - (rgb >> 16 & 0xff)) < 8 && Math.abs((c >> 8 & 0xff) - (rgb >> 8 & 0xff)) < 8
                        && Math.abs((c & 0xff) - (rgb & 0xff)) < 8) {
                    n++;
                }
            }
        }
        return n;
    }

    private static String head(String dom) {
        return dom.length() > 3000 ? dom.substring(0, 3000) + "..." : dom;
    }
}
