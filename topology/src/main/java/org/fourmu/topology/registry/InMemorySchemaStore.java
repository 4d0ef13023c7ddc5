package org.fourmu.topology.registry;

/**
 * A schema store that lives only as long as the process: for TopologyTestDriver tests and
 * throw-away tools. The demo and production use {@link KafkaSchemaStore}.
 */
public final class InMemorySchemaStore extends StateBackedSchemaStore {

    @Override
    public synchronized RegisteredSchema register(String subject, String canonicalSchema) {
        RegisteredSchema s = state.prepare(subject, canonicalSchema);
        state.apply(s);
        return s;
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        state.applyCompatibility(subject, level);
    }
}
