package org.fourmu.app.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The monitoring files of the repository as the tests read them: the Grafana dashboards' panels and
 * their PromQL targets, the dashboards' template-variable queries, and the metric names of the
 * contract docs/metrics.md, including those it lists as not yet exposed.
 */
final class MonitoringFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BACKTICKED = Pattern.compile("`([a-zA-Z_:][a-zA-Z0-9_:*]*)`");
    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\)$");

    /** One panel target: which dashboard and panel it draws, and its query text as written. */
    record Target(String dashboard, String panel, String description, String datasourceUid, String refId, String query) {
        String where() {
            return dashboard + " / " + panel + " / " + refId;
        }
    }

    /** A dashboard variable filled by {@code label_values(selector, label)}. */
    record LabelValuesQuery(String dashboard, String variable, String selector, String label) {
    }

    private MonitoringFiles() {
    }

    /** The repository root: the first parent of the working directory that has monitoring/ and docs/. */
    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.isDirectory(p.resolve("monitoring")) && Files.isDirectory(p.resolve("docs")))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no monitoring/ above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    static Path prometheusDir() {
        return root().resolve("monitoring/prometheus");
    }

    static List<Path> dashboardFiles() {
        try (Stream<Path> s = Files.list(root().resolve("monitoring/grafana/dashboards"))) {
            return s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path dashboard) {
        try {
            return JSON.readTree(dashboard.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every panel of a dashboard, rows' nested panels included, rows themselves excluded. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            if (p.path("type").asText().equals("row")) {
                p.path("panels").forEach(out::add);
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** Every target of every panel of every dashboard: PromQL in {@code expr}, SQL in {@code rawSql}. */
    static List<Target> targets() {
        List<Target> out = new ArrayList<>();
        for (Path f : dashboardFiles()) {
            JsonNode d = read(f);
            for (JsonNode p : panels(d)) {
                for (JsonNode t : p.path("targets")) {
                    JsonNode ds = t.has("datasource") ? t.path("datasource") : p.path("datasource");
                    String query = t.has("expr") ? t.path("expr").asText() : t.path("rawSql").asText();
                    out.add(new Target(d.path("title").asText(), p.path("title").asText(), p.path("description").asText(),
                            ds.path("uid").asText(), t.path("refId").asText(), query));
                }
            }
        }
        return out;
    }

    static List<Target> promqlTargets() {
        return targets().stream().filter(t -> t.datasourceUid().equals("${DS_PROMETHEUS}")).toList();
    }

    /** The dashboards' Prometheus template variables, all of the form label_values(selector, label). */
    static List<LabelValuesQuery> labelValuesQueries() {
        List<LabelValuesQuery> out = new ArrayList<>();
        for (Path f : dashboardFiles()) {
            JsonNode d = read(f);
            for (JsonNode v : d.path("templating").path("list")) {
                if (v.path("type").asText().equals("query")
                        && v.path("datasource").path("uid").asText().equals("${DS_PROMETHEUS}")) {
                    String q = v.path("query").isObject() ? v.path("query").path("query").asText() : v.path("query").asText();
                    Matcher m = LABEL_VALUES.matcher(q.trim());
                    if (!m.matches()) {
                        throw new IllegalStateException(d.path("title").asText() + ": variable " + v.path("name").asText()
                                + " is not label_values(selector, label): " + q);
                    }
                    out.add(new LabelValuesQuery(d.path("title").asText(), v.path("name").asText(), m.group(1).trim(), m.group(2)));
                }
            }
        }
        return out;
    }

    /**
     * A dashboard query as Grafana sends it with the variables at their defaults: every job and
     * instance ("All" = .*), and the interval variables at values that suit a few minutes of 5 s scrapes.
     */
    static String substituteGrafanaVariables(String query) {
        String q = query.replace("${__rate_interval}", "1m").replace("$__rate_interval", "1m")
                .replace("${__range}", "5m").replace("$__range", "5m")
                .replace("${__interval}", "15s").replace("$__interval", "15s")
                .replace("${job}", ".*").replace("$job", ".*")
                .replace("${instance}", ".*").replace("$instance", ".*");
        if (q.contains("$")) {
            throw new IllegalStateException("unknown Grafana variable in " + query);
        }
        return q;
    }

    /** Every series name in the first column of the contract table of docs/metrics.md ({@code kafka_stream_*} style wildcards kept). */
    static Set<String> contractNames() {
        Set<String> out = new LinkedHashSet<>();
        for (String line : metricsDoc()) {
            if (line.startsWith("|") && !line.startsWith("|---")) {
                String firstCell = line.split("\\|")[1];
                Matcher m = BACKTICKED.matcher(firstCell);
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    /** The series docs/metrics.md lists under "Not yet exposed": dashboards may query them, they must still be absent. */
    static Set<String> notYetExposed() {
        Set<String> out = new LinkedHashSet<>();
        boolean inSection = false;
        boolean found = false;
        for (String line : metricsDoc()) {
            if (line.startsWith("## ")) {
                inSection = line.toLowerCase().contains("not yet exposed");
                found |= inSection;
                continue;
            }
            if (inSection && line.startsWith("- ")) {
                Matcher m = BACKTICKED.matcher(line);
                while (m.find()) {
                    if (m.group(1).startsWith("fourmu_")) {
                        out.add(m.group(1));
                    }
                }
            }
        }
        if (!found) {
            throw new IllegalStateException("docs/metrics.md has no '## Not yet exposed' section");
        }
        return out;
    }

    /** The not-yet-exposed series a query refers to (as a whole name, or the family of a histogram). */
    static Set<String> waitingFor(String query, Set<String> notYetExposed) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : notYetExposed) {
            if (Pattern.compile("(?<![a-zA-Z0-9_:])" + Pattern.quote(name) + "(_bucket|_count|_sum)?(?![a-zA-Z0-9_:])")
                    .matcher(query).find()) {
                out.add(name);
            }
        }
        return out;
    }

    private static List<String> metricsDoc() {
        try {
            return Files.readAllLines(root().resolve("docs/metrics.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
