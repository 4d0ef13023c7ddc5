package org.fourmu.app.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards as files (Grafana cannot run here): data sources only through the
 * templated variables, a description and a unit on every panel, unique ids and a place on the
 * 24-column grid, and the panels that wait for a not-yet-exposed metric saying so.
 */
class DashboardJsonTest {

    private static final Set<String> DATASOURCES = Set.of("${DS_PROMETHEUS}", "${DS_POSTGRES}");

    @Test
    void bothDashboardsExistWithUniqueUids() {
        List<Path> files = MonitoringFiles.dashboardFiles();
        Set<String> uids = new HashSet<>();
        for (Path f : files) {
            assertTrue(uids.add(MonitoringFiles.read(f).path("uid").asText()), "duplicate uid in " + f);
        }
        assertEquals(Set.of("fourmu-data-taking", "fourmu-search-results"), uids);
    }

    @Test
    void dataSourcesAreTemplatedAndDeclared() {
        for (Path f : MonitoringFiles.dashboardFiles()) {
            JsonNode d = MonitoringFiles.read(f);
            Set<String> declared = new HashSet<>();
            for (JsonNode v : d.path("templating").path("list")) {
                if (v.path("type").asText().equals("datasource")) {
                    declared.add("${" + v.path("name").asText() + "}");
                }
            }
            assertTrue(declared.contains("${DS_PROMETHEUS}"), f + ": no DS_PROMETHEUS variable");
            for (JsonNode p : MonitoringFiles.panels(d)) {
                String uid = p.path("datasource").path("uid").asText();
                assertTrue(DATASOURCES.contains(uid) && declared.contains(uid),
                        f.getFileName() + " / " + p.path("title").asText() + ": data source " + uid);
                for (JsonNode t : p.path("targets")) {
                    assertEquals(uid, t.path("datasource").path("uid").asText(), p.path("title").asText());
                }
            }
        }
    }

    @Test
    void everyPanelHasDescriptionUnitTargetsAndAPlace() {
        List<String> problems = new ArrayList<>();
        for (Path f : MonitoringFiles.dashboardFiles()) {
            JsonNode d = MonitoringFiles.read(f);
            Set<Integer> ids = new HashSet<>();
            for (JsonNode p : d.path("panels")) {
                ids.add(p.path("id").asInt());
            }
            for (JsonNode p : MonitoringFiles.panels(d)) {
                String where = f.getFileName() + " / " + p.path("title").asText();
                if (p.path("description").asText().length() < 40) {
                    problems.add(where + ": no real description");
                }
                if (p.path("fieldConfig").path("defaults").path("unit").asText().isBlank()) {
                    problems.add(where + ": no unit");
                }
                if (p.path("targets").isEmpty()) {
                    problems.add(where + ": no query");
                }
                JsonNode g = p.path("gridPos");
                if (g.path("w").asInt() < 1 || g.path("x").asInt() + g.path("w").asInt() > 24 || g.path("h").asInt() < 1) {
                    problems.add(where + ": off the grid " + g);
                }
            }
            assertEquals(d.path("panels").size(), ids.size(), f + ": panel ids not unique");
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void panelsWaitingForAMetricSaySoAndOnlyThey() {
        Set<String> waiting = MonitoringFiles.notYetExposed();
        Set<String> queried = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (MonitoringFiles.Target t : MonitoringFiles.promqlTargets()) {
            Set<String> names = MonitoringFiles.waitingFor(t.query(), waiting);
            queried.addAll(names);
            boolean marked = t.description().startsWith("NOT YET EXPOSED");
            if (!names.isEmpty() && !(marked && names.stream().allMatch(t.description()::contains))) {
                problems.add(t.where() + ": queries " + names + " but its description does not start with NOT YET EXPOSED naming them");
            }
            if (names.isEmpty() && marked && MonitoringFiles.promqlTargets().stream()
                    .filter(o -> o.panel().equals(t.panel()))
                    .allMatch(o -> MonitoringFiles.waitingFor(o.query(), waiting).isEmpty())) {
                problems.add(t.where() + ": marked NOT YET EXPOSED but queries only exposed metrics");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals(waiting, queried, "every not-yet-exposed metric has its waiting panel");
    }

    @Test
    void grafanaVariablesAreAllKnownToTheQueryTest() {
        for (MonitoringFiles.Target t : MonitoringFiles.promqlTargets()) {
            assertFalse(MonitoringFiles.substituteGrafanaVariables(t.query()).contains("$"), t.where());
        }
        assertFalse(MonitoringFiles.labelValuesQueries().isEmpty());
    }
}
