package org.fourmu.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WebViewTest {

    @Test
    void pagePathsGiveThePageAndOnlyNamedResourcesAreServed() {
        assertEquals(WebView.PAGE, WebView.resourceFor("/"));
        assertEquals(WebView.PAGE, WebView.resourceFor("/view/spectrum"));
        assertEquals("view.js", WebView.resourceFor("/web/view.js"));
        assertNull(WebView.resourceFor("/web/../calibration/default.json"));
        assertNull(WebView.resourceFor("/web/view.class"));
        assertNull(WebView.resourceFor("/favicon.ico"));
    }

    @Test
    void pageIsSelfContained() throws IOException {
        String page = resource(WebView.PAGE);
        Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page);
        int local = 0;
        while (refs.find()) {
            String ref = refs.group(1);
            assertTrue(ref.startsWith("/"), "the page must not load anything from elsewhere: " + ref);
            if (ref.startsWith("/web/")) {
                assertNotNull(WebView.resourceFor(ref), ref);
                assertNotNull(resource(WebView.resourceFor(ref)), ref + " missing from the class path");
                local++;
            }
        }
        assertEquals(2, local, "view.js and view.css");
        String script = resource("view.js");
        assertFalse(script.replace("\"http://www.w3.org/2000/svg\"", "").contains("http"), "no absolute URLs in the script");
        assertFalse(resource("view.css").contains("@import") || resource("view.css").contains("url("));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = WebView.class.getResourceAsStream("/web/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
