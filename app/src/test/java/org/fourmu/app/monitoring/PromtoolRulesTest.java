package org.fourmu.app.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus files checked by Debian's promtool: both scrape configurations, the alert rules,
 * and the rules' unit tests (alerts.test.yml), which must cover every alert firing and not firing.
 * Every alert carries a severity, a summary, a description and a runbook section in docs/monitoring.md.
 */
class PromtoolRulesTest {

    // Jackson's YAML reader comes with kafka_2.13 (runtime scope), on the test class path already.
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path DIR = MonitoringFiles.prometheusDir();

    @Test
    void scrapeConfigurationsAreValid() throws Exception {
        promtool("check", "config", "prometheus.yml");
        promtool("check", "config", "prometheus.compose.yml");
    }

    @Test
    void alertRulesAreValidAndTheirUnitTestsPass() throws Exception {
        promtool("check", "rules", "alerts.yml");
        String out = promtool("test", "rules", "alerts.test.yml");
        assertTrue(out.contains("SUCCESS"), out);
    }

    @Test
    void everyAlertIsDocumentedAndTestedFiringAndNotFiring() throws Exception {
        JsonNode rules = YAML.readTree(DIR.resolve("alerts.yml").toFile());
        JsonNode tests = YAML.readTree(DIR.resolve("alerts.test.yml").toFile());
        String runbook = Files.readString(MonitoringFiles.root().resolve("docs/monitoring.md"));
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (JsonNode test : tests.path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                (check.path("exp_alerts").isEmpty() ? quiet : firing).add(check.path("alertname").asText());
            }
        }
        List<String> problems = new ArrayList<>();
        int alerts = 0;
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (!rule.has("alert")) {
                    continue;
                }
                alerts++;
                String name = rule.path("alert").asText();
                if (!Set.of("critical", "warning", "info").contains(rule.path("labels").path("severity").asText())) {
                    problems.add(name + ": severity must be critical, warning or info");
                }
                for (String a : List.of("summary", "description", "runbook_url")) {
                    if (rule.path("annotations").path(a).asText().isBlank()) {
                        problems.add(name + ": no " + a);
                    }
                }
                String anchor = "docs/monitoring.md#" + name.toLowerCase(Locale.ROOT);
                if (!rule.path("annotations").path("runbook_url").asText().equals(anchor)) {
                    problems.add(name + ": runbook_url should be " + anchor);
                }
                if (!runbook.contains("\n### " + name + "\n")) {
                    problems.add(name + ": no section '### " + name + "' in docs/monitoring.md");
                }
                if (!firing.contains(name)) {
                    problems.add(name + ": alerts.test.yml never expects it to fire");
                }
                if (!quiet.contains(name)) {
                    problems.add(name + ": alerts.test.yml never expects it to stay quiet");
                }
            }
        }
        assertTrue(alerts >= 8, "alerts.yml has " + alerts + " alerts");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static String promtool(String... args) throws Exception {
        assertTrue(Files.isExecutable(PrometheusServer.PROMTOOL), PrometheusServer.PROMTOOL + PrometheusServer.MISSING);
        List<String> command = new ArrayList<>(List.of(PrometheusServer.PROMTOOL.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool " + String.join(" ", args) + " hangs");
        assertEquals(0, p.exitValue(), "promtool " + String.join(" ", args) + ":\n" + out);
        assertFalse(out.contains("FAILED"), out);
        return out;
    }
}
