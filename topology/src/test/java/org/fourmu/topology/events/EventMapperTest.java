package org.fourmu.topology.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fourmu.avro.Event;
import org.fourmu.physics.event.RecordedEvent;
import org.junit.jupiter.api.Test;

class EventMapperTest {

    @Test
    void avroRoundTripIsLossless() {
        Event avro = EventMapper.toAvro(TestEvents.fourMuons(5, 42));
        RecordedEvent physics = EventMapper.toPhysics(avro);
        assertEquals(avro, EventMapper.toAvro(physics));
        assertEquals(4, physics.tracks().size());
        assertTrue(Double.isNaN(physics.mcTruth().orElseThrow().generatedMassGeV()));
    }

    @Test
    void storedMomentumMatchesHelix() {
        Event avro = EventMapper.toAvro(TestEvents.fourMuons(5, 42));
        assertEquals(1.2, avro.getTracks().get(0).getPx(), 1e-12);
        assertEquals(2.0, avro.getTracks().get(0).getPz(), 1e-12);
        assertTrue(EventValidation.problem(avro).isEmpty());
    }
}
