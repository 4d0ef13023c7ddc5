package org.fourmu.topology.registry;

/**
 * One version of a subject in a schema registry: the Confluent API's (subject, version, id, schema).
 */
public record RegisteredSchema(String subject, int version, int id, String schema) {
}
