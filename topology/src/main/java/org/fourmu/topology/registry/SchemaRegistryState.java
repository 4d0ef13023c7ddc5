package org.fourmu.topology.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry's state in memory: subjects with their versions, the id of every schema, and the
 * compatibility configuration. Both stores apply the same log of changes to it.
 */
final class SchemaRegistryState {

    static final String GLOBAL = "";

    private final Map<String, List<RegisteredSchema>> subjects = new TreeMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> compatibility = new HashMap<>();

    /** The version a registration would create, or the existing one; does not change the state. */
    synchronized RegisteredSchema prepare(String subject, String schema) {
        List<RegisteredSchema> versions = subjects.getOrDefault(subject, List.of());
        for (RegisteredSchema v : versions) {
            if (v.schema().equals(schema)) {
                return v;
            }
        }
        int id = idsBySchema.getOrDefault(schema, schemasById.size() + 1);
        int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
        return new RegisteredSchema(subject, version, id, schema);
    }

    synchronized boolean contains(RegisteredSchema s) {
        return subjects.getOrDefault(s.subject(), List.of()).contains(s);
    }

    synchronized void apply(RegisteredSchema s) {
        List<RegisteredSchema> versions = subjects.computeIfAbsent(s.subject(), k -> new ArrayList<>());
        if (!versions.contains(s)) {
            versions.add(s);
        }
        schemasById.putIfAbsent(s.id(), s.schema());
        idsBySchema.putIfAbsent(s.schema(), s.id());
    }

    synchronized void applyCompatibility(String subject, CompatibilityLevel level) {
        compatibility.put(subject == null ? GLOBAL : subject, level);
    }

    synchronized Optional<String> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    synchronized List<RegisteredSchema> versions(String subject) {
        return List.copyOf(subjects.getOrDefault(subject, List.of()));
    }

    synchronized Optional<CompatibilityLevel> compatibility(String subject) {
        return Optional.ofNullable(compatibility.get(subject == null ? GLOBAL : subject));
    }
}
