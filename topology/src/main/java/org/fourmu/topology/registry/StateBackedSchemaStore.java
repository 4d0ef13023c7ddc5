package org.fourmu.topology.registry;

import java.util.List;
import java.util.Optional;

/**
 * The read side every store shares: queries answered from the in-memory {@link SchemaRegistryState}
 * that the store's writes (and, for the Kafka store, its replay) keep up to date.
 */
abstract class StateBackedSchemaStore implements SchemaStore {

    protected final SchemaRegistryState state = new SchemaRegistryState();

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
}
