package org.fourmu.topology.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.fourmu.avro.DeadLetterReason;
import org.fourmu.avro.EclPhoton;
import org.fourmu.avro.Event;
import org.fourmu.avro.HelixTrack;
import org.junit.jupiter.api.Test;

class EventValidationTest {

    private static Event valid() {
        return EventMapper.toAvro(TestEvents.fourMuons(1, 1));
    }

    private static DeadLetterReason reasonAfter(Consumer<Event> change) {
        Event e = valid();
        change.accept(e);
        return EventValidation.problem(e).map(EventValidation.Problem::reason).orElse(null);
    }

    @Test
    void shouldAcceptAWellFormedEvent() {
        assertTrue(EventValidation.problem(valid()).isEmpty());
    }

    @Test
    void shouldRejectNaNMomentum() {
        assertEquals(DeadLetterReason.INVALID_VALUE, reasonAfter(e -> e.getTracks().get(0).setPx(Double.NaN)));
    }

    @Test
    void shouldRejectInfiniteCovarianceElement() {
        assertEquals(DeadLetterReason.INVALID_VALUE,
                reasonAfter(e -> e.getTracks().get(1).getHelixCovariance().set(3, Double.POSITIVE_INFINITY)));
    }

    @Test
    void shouldRejectNegativePhotonEnergy() {
        assertEquals(DeadLetterReason.INVALID_VALUE, reasonAfter(e -> e.getPhotons().get(0).setEnergy(-0.2)));
    }

    @Test
    void shouldRejectHugeMomentum() {
        assertEquals(DeadLetterReason.INVALID_VALUE, reasonAfter(e -> e.getPhotons().add(new EclPhoton(1e30, 1.0, 0.0))));
    }

    @Test
    void shouldRejectChargeOfTwo() {
        assertEquals(DeadLetterReason.INVALID_VALUE, reasonAfter(e -> e.getTracks().get(0).setCharge(2)));
    }

    @Test
    void shouldRejectCurvatureOfWrongSign() {
        assertEquals(DeadLetterReason.INCONSISTENT_TRACK, reasonAfter(e -> e.getTracks().get(0).setCharge(-1)));
    }

    @Test
    void shouldRejectMomentumThatDisagreesWithHelix() {
        assertEquals(DeadLetterReason.INCONSISTENT_TRACK, reasonAfter(e -> e.getTracks().get(0).setPx(1.3)));
    }

    @Test
    void shouldRejectCovarianceThatIsNotPositiveDefinite() {
        assertEquals(DeadLetterReason.INCONSISTENT_TRACK,
                reasonAfter(e -> e.getTracks().get(0).getHelixCovariance().set(0, -1e-6)));
    }

    @Test
    void shouldRejectShortCovariance() {
        assertEquals(DeadLetterReason.INCONSISTENT_TRACK,
                reasonAfter(e -> e.getTracks().get(0).getHelixCovariance().remove(14)));
    }

    @Test
    void shouldRejectThousandsOfTracks() {
        assertEquals(DeadLetterReason.TOO_MANY_TRACKS, reasonAfter(e -> {
            List<HelixTrack> many = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                many.add(e.getTracks().get(i % 4));
            }
            e.setTracks(many);
        }));
    }

    @Test
    void shouldRejectLikelihoodAboveOne() {
        assertEquals(DeadLetterReason.INVALID_VALUE, reasonAfter(e -> e.getTracks().get(2).setMuonId(1.5)));
    }

    @Test
    void messageNamesTheOffendingTrack() {
        Event e = valid();
        e.getTracks().get(3).setDedx(-1.0);
        assertTrue(EventValidation.problem(e).orElseThrow().message().startsWith("track 3"));
    }
}
