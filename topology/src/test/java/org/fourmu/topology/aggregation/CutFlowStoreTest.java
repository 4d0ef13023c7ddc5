package org.fourmu.topology.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.apache.kafka.streams.state.KeyValueStore;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.selection.SelectionFixtures;
import org.fourmu.physics.selection.Stage;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.events.TestEvents;
import org.junit.jupiter.api.Test;

class CutFlowStoreTest {

    @Test
    void storeCountsEveryStageOfEveryRunLikeTheMetrics() {
        Random random = new Random(2);
        int clean = 0;
        try (TopologyFeed feed = new TopologyFeed(SpectrumWindow.DEFAULT)) {
            for (int i = 0; i < 40; i++) {
                RecordedEvent e;
                if (i % 3 == 0) {
                    e = TestEvents.fourMuons(7, i);
                } else {
                    List<FourVector> muons = SelectionFixtures.muons(BeamConditions.NOMINAL.sqrtS(), 0.02, 1 + 7 * random.nextDouble(), 0.5);
                    e = SelectionFixtures.event(SelectionFixtures.tracks(muons), List.of());
                    e = new RecordedEvent(26, 7 + i % 2, i, 0, e.tracks(), e.photons(), e.triggerBits(), e.mcTruth());
                    clean++;
                }
                feed.sendEvent(e);
            }
            KeyValueStore<String, long[]> store = feed.driver.getKeyValueStore(SearchTopology.CUT_FLOW_STORE);
            CutFlowStore.Counts run7 = CutFlowStore.Counts.of(store.get(CutFlowStore.runKey(26, 7)));
            CutFlowStore.Counts run8 = CutFlowStore.Counts.of(store.get(CutFlowStore.runKey(26, 8)));
            CutFlowStore.Counts all = run7.plus(run8);
            assertEquals(40, all.events());
            assertEquals(0, all.chainFailures(), "the chain failed on none of them");
            assertEquals(40, all.accepted());
            for (Stage s : Stage.values()) {
                assertEquals(feed.metrics.cutFlowPassed(s), all.passed(s), s.tag());
                assertEquals(feed.metrics.cutFlowFailed(s), all.failed(s), s.tag());
            }
            assertEquals(clean, all.passed(Stage.KINFIT), "the generated clean events pass every stage");
            assertEquals(4L * clean, all.candidates(), "four candidates per selected event");
            assertEquals(feed.metrics.candidatesSelected(), all.candidates());
        }
    }

    @Test
    void countsStoredBeforeTheChainFailureSlotReadAsNoFailures() {
        long[] old = new long[Stage.values().length + 2];
        old[0] = 3;
        old[Stage.values().length] = 2;
        CutFlowStore.Counts c = CutFlowStore.Counts.of(old);
        assertEquals(5, c.events());
        assertEquals(0, c.chainFailures());
        assertEquals(5, c.accepted());
        CutFlowStore.Counts again = CutFlowStore.Counts.of(new CutFlowStore.Counts(c.failedAt(), 2, 0, 4).toArray());
        assertEquals(9, again.accepted());
    }
}
