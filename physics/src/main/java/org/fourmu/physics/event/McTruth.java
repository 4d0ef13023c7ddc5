package org.fourmu.physics.event;

/**
 * Generator truth carried by simulated events.
 *
 * @param process           generator process name (e.g. "mumumumu", "zprime", "scalar")
 * @param generatedMassGeV  mass of the generated resonance X, NaN when there is none
 * @param weight            event weight (1 for unweighted events)
 */
public record McTruth(String process, double generatedMassGeV, double weight) {
}
