package org.fourmu.topology.registry;

import java.util.List;
import java.util.Optional;

/**
 * A schema store that lives only as long as the process: for TopologyTestDriver tests and
 * throw-away tools. The demo and production use {@link KafkaSchemaStore}.
 */
public final class InMemorySchemaStore implements SchemaStore {

    private final SchemaRegistryState state = new SchemaRegistryState();

    @Override
    public synchronized RegisteredSchema register(String subject, String canonicalSchema) {
        RegisteredSchema s = state.prepare(subject, canonicalSchema);
        state.apply(s);
        return s;
    }

    @Override
    public Optional<String> schemaById(int id) {
        return state.schemaById(id);
    }

    @Override
    public List<String> subjects() {
        return state.subjects();
    }

    @Override
    public List<RegisteredSchema> versions(String subject) {
        return state.versions(subject);
    }

    @Override
    public Optional<CompatibilityLevel> compatibility(String subject) {
        return state.compatibility(subject);
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        state.applyCompatibility(subject, level);
    }
}
