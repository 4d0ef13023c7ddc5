package org.fourmu.simulation.training;

import org.fourmu.physics.candidates.Candidate;
import org.fourmu.physics.candidates.MlpRange;

/**
 * A candidate from simulation with what the training needs to know about it.
 *
 * @param event            event key, unique within the sample
 * @param split            the split of its event
 * @param signalEvent      whether the event is Z' signal
 * @param trueX            whether the candidate is the pair from the X decay (signal events only)
 * @param weight           the event weight from the generator (1, or above 1 where the unweighting maximum was exceeded)
 * @param massGeV          M(mumu) after the 4C fit
 * @param generatedMassGeV the generated X mass, NaN for background
 * @param candidate        the candidate with its 16 features
 */
public record LabelledCandidate(long event, Split split, boolean signalEvent, boolean trueX, double weight, double massGeV,
                                double generatedMassGeV, Candidate candidate) {

    /** The MLP range by the candidate's own M(mumu). */
    public MlpRange range() {
        return candidate.mlpRange();
    }

    /** Inside the MLP ranges (0.21-10 GeV), where training and the report use it. */
    public boolean inRanges() {
        return massGeV >= MlpRange.R1.lowGeV() && massGeV < MlpRange.R5.highGeV();
    }

    /** A training example: signal if it is the X pair, background if from a background event; wrong pairings of signal are neither. */
    public boolean isExample() {
        return inRanges() && (trueX || !signalEvent);
    }
}
