package org.fourmu.simulation.calibration;

import java.util.List;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.event.Track;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.selection.EventSelection;
import org.fourmu.simulation.detector.FastDetector;
import org.fourmu.simulation.detector.SimulatedProcess;
import org.fourmu.simulation.generator.CrossSection;
import org.fourmu.simulation.generator.MuMuGammaProcess;
import org.fourmu.simulation.generator.MuMuProcess;
import org.fourmu.simulation.generator.Processes;
import org.fourmu.simulation.generator.UnweightedEventGenerator;

/**
 * The ISR correction of the signal efficiency, measured as the paper does (Sec. IV E): in
 * e+e- -> mu+mu-(gamma) events with M(mumu) in 10-11 GeV (standing in for the M(4mu) requirement
 * that limits the photon energy), the fraction vetoed by the photon requirements of Sec. IV C. The
 * paper's signal generator lacked the large-angle hard ISR, and KKMC's complete ISR gave a 2.8%
 * relative loss, applied to the signal efficiency.
 *
 * <p>Our signal generator does radiate large-angle ISR (Kuraev-Fadin structure function with a
 * leading-log dipole angular pattern), so its efficiency already carries most of that loss. The
 * correction is what the structure function misses: C = (1 - f_ISR) / (1 - f_SF), with f_SF the
 * vetoed fraction of mu+mu- events with structure-function ISR and f_ISR the vetoed fraction with
 * the exact O(alpha) ISR matrix element ({@link MuMuGammaProcess#initialStateOnly}). An exact
 * fraction is sigma(mu+mu-gamma, vetoed, in the window) / sigma(mu+mu-(gamma), in the window), the
 * denominator from the structure-function sample (right to ~1% without large logarithms, which
 * moves f by ~1% of itself).
 *
 * <p>The same measurement with ISR, FSR and their interference (f_full) is reported too: the
 * signal generators have no FSR, and neither does the paper's correction (its 2.8% is the size of
 * the ISR-only veto; FSR photons fly close to the muons, and Belle II's reconstruction does not
 * count most of them as photons, while our fast detector would). The detector runs without beam
 * background here: those vetoes are in the signal simulation already and are not ISR.
 */
public final class IsrVetoCorrection {

    /** The M(mumu) window that stands in for the M(4mu) requirement (Sec. IV E). */
    public static final double MASS_LOW_GEV = 10.0;
    public static final double MASS_HIGH_GEV = 11.0;
    /** The paper's relative efficiency loss from the photon requirements with KKMC's complete ISR (Sec. IV E). */
    public static final double PAPER_VETO_FRACTION = 0.028;
    /**
     * Photons of the exact samples: c.m. energy above 50 MeV (the calorimeter finds photons above
     * 0.1 GeV in the lab, at most ~1.4 times the c.m. energy) and |cos theta| below 0.98 in the c.m.
     * frame (the calorimeter ends at 12.4 and 155.1 degrees in the lab, |cos theta*| below ~0.96).
     */
    static final double EXACT_MIN_PHOTON_GEV = 0.05;
    static final double EXACT_MAX_ABS_COS = 0.98;

    private IsrVetoCorrection() {
    }

    /**
     * The measurement (vetoed fractions of events in the mass window, with statistical errors).
     *
     * @param vetoSf        f_SF, structure-function ISR (the signal generator's model)
     * @param vetoIsr       f_ISR, exact O(alpha) ISR
     * @param vetoFull      f_full, exact O(alpha) ISR + FSR + interference (for comparison)
     * @param factor        C = (1 - f_ISR) / (1 - f_SF), the correction applied to the efficiency
     * @param factorError   its statistical error
     * @param sigmaMuMuFb   sigma(mu+mu-(gamma)) with structure-function ISR and the generator cuts
     * @param events        events simulated per sample
     */
    public record Result(double vetoSf, double vetoSfError, double vetoIsr, double vetoIsrError, double vetoFull,
                         double vetoFullError, double factor, double factorError, double sigmaMuMuFb, int events) {
    }

    /** Counts of one sample: events in the mass window, vetoed ones among them. */
    private record Counts(int inWindow, int vetoed) {
    }

    /** A vetoed fraction with its error. */
    private record Fraction(double value, double error) {
    }

    public static Result measure(EventSelection selection, FastDetector detectorWithoutBeamBackground, BeamConditions beams,
                                 int events, long crossSectionPoints, int presamples, long seed) {
        UnweightedEventGenerator mumu = new UnweightedEventGenerator(new MuMuProcess(),
                Processes.defaultSettings(MuMuProcess.NAME, seed).withPresamples(presamples));
        CrossSection sigmaSf = mumu.crossSection(crossSectionPoints, 0);
        Counts sf = count(new SimulatedProcess(mumu, detectorWithoutBeamBackground, SignalChain.EXPERIMENT, 2, beams, seed)
                .range(0, events), selection, beams);
        double fSf = (double) sf.vetoed() / sf.inWindow();
        double fSfError = Math.sqrt(fSf * (1 - fSf) / sf.inWindow());
        double pWindow = (double) sf.inWindow() / events;
        Sample sample = new Sample(selection, detectorWithoutBeamBackground, beams, events, crossSectionPoints, presamples);
        Fraction isr = sample.exact(MuMuGammaProcess.initialStateOnly(EXACT_MIN_PHOTON_GEV, EXACT_MAX_ABS_COS), 3, seed + 1,
                sigmaSf, pWindow, sf.inWindow());
        Fraction full = sample.exact(new MuMuGammaProcess(EXACT_MIN_PHOTON_GEV, EXACT_MAX_ABS_COS), 4, seed + 2,
                sigmaSf, pWindow, sf.inWindow());
        double factor = (1 - isr.value()) / (1 - fSf);
        double factorError = factor * Math.hypot(isr.error() / (1 - isr.value()), fSfError / (1 - fSf));
        return new Result(fSf, fSfError, isr.value(), isr.error(), full.value(), full.error(), factor, factorError,
                sigmaSf.valueFb(), events);
    }

    /** How the exact samples are simulated. */
    private record Sample(EventSelection selection, FastDetector detector, BeamConditions beams, int events,
                          long crossSectionPoints, int presamples) {

        /** sigma(vetoed, in window) / sigma(all, in window) for an exact mu+mu-gamma process. */
        Fraction exact(MuMuGammaProcess process, int run, long seed, CrossSection sigmaSf, double pWindow, int sfInWindow) {
            UnweightedEventGenerator gen = new UnweightedEventGenerator(process,
                    Processes.defaultSettings(MuMuGammaProcess.NAME, seed).withPresamples(presamples));
            CrossSection sigma = gen.crossSection(crossSectionPoints, 0);
            Counts c = count(new SimulatedProcess(gen, detector, SignalChain.EXPERIMENT, run, beams, seed).range(0, events),
                    selection, beams);
            double p = (double) c.vetoed() / events;
            double f = sigma.valueFb() * p / (sigmaSf.valueFb() * pWindow);
            double rel2 = square(sigma.errorFb() / sigma.valueFb()) + square(sigmaSf.errorFb() / sigmaSf.valueFb())
                    + (1 - p) / Math.max(1, c.vetoed()) + (1 - pWindow) / sfInWindow;
            return new Fraction(f, f * Math.sqrt(rel2));
        }
    }

    private static double square(double x) {
        return x * x;
    }

    private static Counts count(List<RecordedEvent> events, EventSelection selection, BeamConditions beams) {
        int inWindow = 0;
        int vetoed = 0;
        for (RecordedEvent e : events) {
            List<Track> tracks = e.tracks();
            if (tracks.size() != 2 || tracks.get(0).charge() + tracks.get(1).charge() != 0) {
                continue;
            }
            FourVector pair = tracks.get(0).momentum(PhysicalConstants.MUON_MASS_GEV)
                    .plus(tracks.get(1).momentum(PhysicalConstants.MUON_MASS_GEV));
            double m = pair.mass();
            if (!(m > MASS_LOW_GEV && m < MASS_HIGH_GEV)) {
                continue;
            }
            inWindow++;
            if (selection.photonRequirements(e.photons(), pair, m, beams) != null) {
                vetoed++;
            }
        }
        return new Counts(inWindow, vetoed);
    }
}
