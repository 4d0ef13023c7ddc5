package org.fourmu.app.monitoring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise: the demo runs, a real Prometheus (Debian's) scrapes it with the repository's
 * configuration and alert rules, and every PromQL query of every dashboard panel, every dashboard
 * variable and every alert rule's operands return data from it. Queries of the series that
 * docs/metrics.md lists as not yet exposed must return nothing, and are reported as waiting; when
 * one starts returning data the test fails until the list is corrected. The contract itself is
 * checked both ways: every series it names is scraped (or listed as waiting), every fourmu_ series
 * scraped is in it. The per-query outcome goes to target/monitoring-queries.txt.
 */
class MonitoringQueriesTest {

    private static final Duration DEMO_START = Duration.ofSeconds(180);
    private static final Duration FIRST_LIMIT_CURVE = Duration.ofSeconds(240);

    @TempDir
    Path dir;

    @Test
    void everyDashboardAndAlertQueryReturnsDataFromPrometheusScrapingTheDemo(TestReporter reporter) throws Exception {
        assertTrue(Files.isExecutable(PrometheusServer.BINARY), PrometheusServer.BINARY + PrometheusServer.MISSING);
        long t0 = System.nanoTime();
        try (DemoUnderTest demo = DemoUnderTest.start(dir, DEMO_START);
             PrometheusServer prometheus = PrometheusServer.start(dir, demo.target)) {
            awaitFirstLimitCurveAndScrapesAfterIt(prometheus, demo);
            double waited = (System.nanoTime() - t0) / 1e9;
            List<String> problems = new ArrayList<>();
            List<String> report = new ArrayList<>();
            report.add(String.format("demo and Prometheus up, first limit curve scraped and 4 more scrapes after %.0f s", waited));
            Set<String> waiting = MonitoringFiles.notYetExposed();
            checkRulesHealthy(prometheus, problems, report);
            checkDashboardTargets(prometheus, waiting, problems, report);
            checkVariables(prometheus, problems, report);
            checkAlertOperands(prometheus, waiting, problems, report);
            checkContract(prometheus, waiting, problems, report);
            report.add(String.format("total %.0f s", (System.nanoTime() - t0) / 1e9));
            Path out = Path.of("target", "monitoring-queries.txt");
            Files.createDirectories(out.getParent());
            Files.write(out, report);
            reporter.publishEntry("monitoring queries", String.join("\n", report));
            assertTrue(problems.isEmpty(), problems.size() + " problem(s):\n" + String.join("\n", problems)
                    + "\n\nreport:\n" + String.join("\n", report));
        }
    }

    /** Waits until a limit curve has been published and scraped, then for four more scrapes, so 1m rates have data. */
    private static void awaitFirstLimitCurveAndScrapesAfterIt(PrometheusServer prometheus, DemoUnderTest demo)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + FIRST_LIMIT_CURVE.toNanos();
        while (prometheus.query("fourmu_scan_last_success_timestamp_seconds > 0").path("result").isEmpty()) {
            if (!demo.alive() || System.nanoTime() > deadline) {
                throw new AssertionError("no limit curve scraped within " + FIRST_LIMIT_CURVE + " (demo alive: " + demo.alive()
                        + ")\nup: " + prometheus.query("up") + "\nPrometheus log:\n" + prometheus.log() + "\ndemo:\n" + demo.log());
            }
            Thread.sleep(1000);
        }
        // Four more scrapes after it (5 s apart; up to a minute on a loaded machine), so that rates over 1m have data.
        double before = scrapes(prometheus);
        long more = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (scrapes(prometheus) < before + 4) {
            if (System.nanoTime() > more) {
                throw new AssertionError("Prometheus stopped scraping the demo:\n" + prometheus.log());
            }
            Thread.sleep(1000);
        }
        // Micrometer's Kafka binder picks up new client metrics (the per-partition lag appears after the first
        // fetch) on a 60 s refresh: wait for one after the assignment.
        long lag = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        while (prometheus.query("kafka_consumer_fetch_manager_records_lag_max{topic=\"fourmu.events\"}").path("result").isEmpty()
                && System.nanoTime() < lag) {
            Thread.sleep(1000);
        }
    }

    private static double scrapes(PrometheusServer prometheus) throws IOException, InterruptedException {
        JsonNode r = prometheus.query("count_over_time(up{job=\"fourmu\"}[15m])").path("result");
        return r.isEmpty() ? 0 : r.get(0).path("value").path(1).asDouble();
    }

    /** Every rule of alerts.yml loaded and evaluated without error. */
    private static void checkRulesHealthy(PrometheusServer prometheus, List<String> problems, List<String> report)
            throws IOException, InterruptedException {
        int rules = 0;
        for (JsonNode group : prometheus.rules().path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                rules++;
                if (!rule.path("health").asText().equals("ok")) {
                    problems.add("rule " + rule.path("name").asText() + " health " + rule.path("health").asText() + ": "
                            + rule.path("lastError").asText());
                }
                if (rule.path("state").asText().equals("firing")) {
                    report.add("note: alert " + rule.path("name").asText() + " is firing on the demo");
                }
            }
        }
        if (rules == 0) {
            problems.add("Prometheus loaded no rules from alerts.yml");
        }
        report.add("alert rules loaded and healthy: " + rules);
    }

    private static void checkDashboardTargets(PrometheusServer prometheus, Set<String> waiting, List<String> problems,
                                              List<String> report) throws IOException, InterruptedException {
        List<MonitoringFiles.Target> targets = MonitoringFiles.promqlTargets();
        if (targets.isEmpty()) {
            problems.add("no PromQL targets found in monitoring/grafana/dashboards");
        }
        for (MonitoringFiles.Target t : targets) {
            String promql = MonitoringFiles.substituteGrafanaVariables(t.query());
            expect(prometheus, "panel " + t.where(), promql, MonitoringFiles.waitingFor(t.query(), waiting), problems, report);
        }
        long sql = MonitoringFiles.targets().stream().filter(t -> t.datasourceUid().equals("${DS_POSTGRES}")).count();
        report.add("not run: " + sql + " PostgreSQL panel queries (they run against the sink's tables in PostgresSinkTest)");
    }

    private static void checkVariables(PrometheusServer prometheus, List<String> problems, List<String> report)
            throws IOException, InterruptedException {
        for (MonitoringFiles.LabelValuesQuery v : MonitoringFiles.labelValuesQueries()) {
            String selector = MonitoringFiles.substituteGrafanaVariables(v.selector());
            JsonNode values = prometheus.labelValues(v.label(), selector);
            if (values.isEmpty()) {
                problems.add("variable " + v.dashboard() + " / " + v.variable() + ": no values of " + v.label() + " over " + selector);
            }
            report.add("ok       variable " + v.dashboard() + " / " + v.variable() + " = " + values);
        }
    }

    private static void checkAlertOperands(PrometheusServer prometheus, Set<String> waiting, List<String> problems,
                                           List<String> report) throws IOException, InterruptedException {
        for (JsonNode group : prometheus.rules().path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String name = rule.path("name").asText();
                String expr = rule.path("query").asText();
                JsonNode firing = prometheus.query(expr).path("result");
                report.add("ok       alert " + name + " evaluates (" + firing.size() + " series firing or pending now)");
                for (String operand : PromqlOperands.of(expr)) {
                    expect(prometheus, "alert " + name + " operand", operand, MonitoringFiles.waitingFor(operand, waiting),
                            problems, report);
                }
            }
        }
    }

    /** docs/metrics.md both ways: what it names is scraped (unless waiting), what is scraped under fourmu_ is named. */
    private static void checkContract(PrometheusServer prometheus, Set<String> waiting, List<String> problems,
                                      List<String> report) throws IOException, InterruptedException {
        Set<String> contract = MonitoringFiles.contractNames();
        for (String name : contract) {
            String regex = name.endsWith("*") ? name.substring(0, name.length() - 1) + ".+" : name + "(_bucket|_count|_sum|_max)?";
            String promql = "count by (__name__) ({__name__=~\"" + regex + "\"})";
            expect(prometheus, "contract " + name, promql, waiting.contains(name) ? Set.of(name) : Set.of(), problems, report);
        }
        Set<String> scraped = new TreeSet<>();
        for (JsonNode s : prometheus.query("count by (__name__) ({__name__=~\"fourmu_.+\"})").path("result")) {
            String name = s.path("metric").path("__name__").asText();
            scraped.add(contract.contains(name) ? name : name.replaceAll("_(bucket|count|sum|max)$", ""));
        }
        for (String name : scraped) {
            if (!contract.contains(name)) {
                problems.add("contract: " + name + " is exposed but not in docs/metrics.md");
            }
        }
        report.add("contract: " + contract.size() + " names in docs/metrics.md, " + scraped.size() + " fourmu_ series families scraped");
    }

    /**
     * Runs one query. Without waiting series it must return data (a vector with at least one series, or
     * a scalar); with them it must return nothing, or the list in docs/metrics.md is out of date.
     */
    private static void expect(PrometheusServer prometheus, String what, String promql, Set<String> waitingFor,
                               List<String> problems, List<String> report) throws IOException, InterruptedException {
        JsonNode data;
        try {
            data = prometheus.query(promql);
        } catch (IllegalArgumentException rejected) {
            problems.add(what + ": Prometheus rejects the query: " + rejected.getMessage() + "\n    " + promql);
            return;
        }
        String type = data.path("resultType").asText();
        JsonNode result = data.path("result");
        boolean hasData = type.equals("scalar") || type.equals("string") || !result.isEmpty();
        String oneLine = promql.replaceAll("\\s+", " ");
        if (!waitingFor.isEmpty()) {
            if (hasData) {
                problems.add(what + ": returns data although docs/metrics.md lists " + waitingFor
                        + " as not yet exposed; take it off that list\n    " + oneLine);
            }
            report.add("waiting  " + what + " (not yet exposed: " + String.join(", ", waitingFor) + ")");
            return;
        }
        if (!hasData) {
            problems.add(what + ": no data\n    " + oneLine);
            report.add("NO DATA  " + what + ": " + oneLine);
            return;
        }
        report.add(String.format("ok       %s: %s%s", what, type.equals("vector") ? result.size() + " series" : type,
                allNaN(type, result) ? " (all NaN)" : ""));
    }

    private static boolean allNaN(String type, JsonNode result) {
        if (!type.equals("vector") || result.isEmpty()) {
            return false;
        }
        Set<String> values = new LinkedHashSet<>();
        result.forEach(s -> values.add(s.path("value").path(1).asText()));
        return values.equals(Set.of("NaN"));
    }
}
