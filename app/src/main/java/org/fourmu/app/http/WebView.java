package org.fourmu.app.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The shift's web view: a self-contained page (HTML, JavaScript, CSS from the class path under
 * {@code web/}, nothing fetched from elsewhere) served at {@code /} and {@code /view/...}, which polls
 * the JSON queries and draws the spectrum, the significance scan, the limits and the rates.
 */
final class WebView {

    static final String PAGE = "index.html";
    private static final String ROOT = "/web/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    private WebView() {
    }

    /** The resource a path asks for: the page for {@code /} and {@code /view/...}, a file for {@code /web/NAME}; else null. */
    static String resourceFor(String path) {
        if (path.equals("/") || path.equals("/view") || path.startsWith("/view/")) {
            return PAGE;
        }
        if (path.startsWith(ROOT)) {
            String name = path.substring(ROOT.length());
            if (name.matches("[a-z][a-z0-9-]*\\.[a-z]+") && TYPES.containsKey(extension(name))) {
                return name;
            }
        }
        return null;
    }

    static void serve(HttpExchange ex) throws IOException {
        String name = resourceFor(ex.getRequestURI().getPath());
        byte[] body = null;
        if (name != null) {
            try (InputStream in = WebView.class.getResourceAsStream(ROOT + name)) {
                body = in == null ? null : in.readAllBytes();
            }
        }
        if (body == null) {
            StatusServer.respond(ex, 404, "text/plain", "not found: " + ex.getRequestURI().getPath() + "\n");
            return;
        }
        StatusServer.respond(ex, 200, TYPES.get(extension(name)), body);
    }

    private static String extension(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
