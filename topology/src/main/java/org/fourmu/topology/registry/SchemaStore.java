package org.fourmu.topology.registry;

import java.util.List;
import java.util.Optional;

/**
 * Where a registry keeps its subjects, versions, ids and compatibility configuration.
 * Implementations are thread-safe; ids are global and the same schema text gets the same id.
 */
public interface SchemaStore extends AutoCloseable {

    /** Store a new version (the caller has checked compatibility); an already registered schema returns its version. */
    RegisteredSchema register(String subject, String canonicalSchema);

    Optional<String> schemaById(int id);

    List<String> subjects();

    /** Versions of a subject, oldest first; empty if the subject is unknown. */
    List<RegisteredSchema> versions(String subject);

    Optional<CompatibilityLevel> compatibility(String subjectOrNullForGlobal);

    void setCompatibility(String subjectOrNullForGlobal, CompatibilityLevel level);

    @Override
    default void close() {
    }
}
