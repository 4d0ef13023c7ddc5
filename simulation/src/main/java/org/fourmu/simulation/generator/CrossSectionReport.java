package org.fourmu.simulation.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.models.DimuonResonance;
import org.fourmu.physics.models.LmuLtauZPrime;
import org.fourmu.physics.models.MuonAnomaly;
import org.fourmu.physics.models.MuonphilicScalar;

/**
 * The cross section of a process as `fourmu xsec` prints it: for the signal models also the cross
 * section per unit coupling, the on-shell production cross section (narrow-width route), widths,
 * branching fractions and the (g-2)_mu contribution.
 *
 * @param process  process name
 * @param massGeV  X mass (signal models)
 * @param coupling coupling used for the full matrix element (signal models)
 * @param isr      ISR (where the process uses it) and beam energy spread on; false = Born
 * @param cuts     generator cuts applied
 * @param points   weighted points per cross section
 * @param seed     seed of the random streams
 */
public record CrossSectionReport(String process, double massGeV, double coupling, boolean isr, GeneratorCuts cuts,
                                 long points, long seed) {

    /** Coupling used for signal models when none is given: small enough that the width is negligible. */
    public static final double DEFAULT_SIGNAL_COUPLING = 0.01;

    /** The numbers of one report. */
    public record Result(CrossSection sigma, CrossSection sigmaPerUnitCoupling, CrossSection onShellProductionPerUnitCoupling,
                         DimuonResonance model, double unweightingEfficiency, double seconds) {
    }

    public boolean isSignal() {
        return LmuLtauZPrime.NAME.equals(process) || MuonphilicScalar.NAME.equals(process);
    }

    private GeneratorSettings settings() {
        // mumugamma and eemumu never get structure-function ISR (their photons are explicit); the beam spread follows the flag
        return GeneratorSettings.of(cuts, seed).withIsr(isr && Processes.usesIsr(process)).withBeamEnergySpread(isr).withPresamples(2000);
    }

    public Result compute() {
        long t0 = System.nanoTime();
        UnweightedEventGenerator gen = new UnweightedEventGenerator(Processes.hardProcess(process, massGeV, coupling), settings());
        CrossSection sigma = gen.crossSection(points, 0);
        CrossSection perUnit = null;
        CrossSection onShell = null;
        DimuonResonance model = null;
        if (isSignal()) {
            model = DimuonResonance.of(process, massGeV, coupling);
            perUnit = sigma.dividedBy(coupling * coupling);
            UnweightedEventGenerator prod = new UnweightedEventGenerator(new OnShellResonanceProcess(model.withCoupling(1.0)), settings());
            onShell = prod.crossSection(points, 0);
        }
        return new Result(sigma, perUnit, onShell, model, gen.unweightingEfficiency(), (System.nanoTime() - t0) * 1e-9);
    }

    /** Human-readable lines. */
    public List<String> format(Result r) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "process %s, sqrt(s) = %.4f GeV, ISR + beam spread %s, alpha = alpha(0) = 1/%.6f",
            process, org.fourmu.physics.event.BeamConditions.NOMINAL.sqrtS(), isr ? "on" : "off", 1 / PhysicalConstants.ALPHA_0));
        out.add(String.format(Locale.ROOT, "cuts: %.3f < sqrt(s') < %s GeV, %.1f < theta(charged, lab) < %.1f deg, pT > %.3f GeV",
            cuts.minHardMassGeV(), Double.isInfinite(cuts.maxHardMassGeV()) ? "inf" : String.format(Locale.ROOT, "%.3f", cuts.maxHardMassGeV()),
            cuts.minThetaDeg(), cuts.maxThetaDeg(), cuts.minPtGeV()));
        if (!isSignal()) {
            out.add(String.format(Locale.ROOT, "sigma = %s", fmt(r.sigma())));
        } else {
            DimuonResonance m = r.model();
            out.add(String.format(Locale.ROOT, "model %s, M = %.4f GeV, g = %.4g", m.name(), m.massGeV(), m.coupling()));
            out.add(String.format(Locale.ROOT, "sigma(e+e- -> mu+mu- X) x B(X -> mu+mu-) at g = %.4g: %s", coupling, fmt(r.sigma())));
            out.add(String.format(Locale.ROOT, "  per unit coupling (sigma/g^2; exact while Gamma << M): %s", fmt(r.sigmaPerUnitCoupling())));
            out.add(String.format(Locale.ROOT, "sigma(e+e- -> mu+mu- X), on-shell X, g = 1 (narrow-width route): %s", fmt(r.onShellProductionPerUnitCoupling())));
            double frac = ResonanceProcess.sampledBreitWignerFraction(m);
            out.add(String.format(Locale.ROOT, "  x B(X -> mu+mu-) x %.4f (Breit-Wigner fraction inside the 4-body mass window) = %.6g fb:"
                + " compare with the per-unit-coupling line above", frac, r.onShellProductionPerUnitCoupling().valueFb() * m.branchingFractionMuMu() * frac));
            out.add("  sigma scales as g^2 and the 4mu rate as g^2 x B while the width is narrow");
            out.add(String.format(Locale.ROOT, "total width %.6g GeV at g = %.4g (%.6g GeV at g = 1)", m.totalWidthGeV(), m.coupling(), m.withCoupling(1).totalWidthGeV()));
            if (m instanceof LmuLtauZPrime z) {
                out.add(String.format(Locale.ROOT, "  Gamma(mumu) = %.6g, Gamma(tautau) = %.6g, Gamma(nunu) = 2 x %.6g GeV",
                    z.muMuWidthGeV(), z.tauTauWidthGeV(), z.neutrinoWidthPerFlavourGeV()));
            }
            out.add(String.format(Locale.ROOT, "B(X -> mu+mu-) = %.6f", m.branchingFractionMuMu()));
            MuonAnomaly.Band band = MuonAnomaly.WORLD_AVERAGE_2023_MINUS_SM_2020;
            out.add(String.format(Locale.ROOT, "Delta a_mu at g = %.4g: %.4g; g for Delta a_mu = %.3g (+-2 sigma: %.3g .. %.3g): %.4g .. %.4g .. %.4g",
                m.coupling(), m.deltaAmu(), band.central(), band.at(-2), band.at(2),
                m.couplingForDeltaAmu(band.at(-2)), m.couplingForDeltaAmu(band.central()), m.couplingForDeltaAmu(band.at(2))));
        }
        out.add(String.format(Locale.ROOT, "unweighting efficiency %.3f, %.1f s", r.unweightingEfficiency(), r.seconds()));
        return out;
    }

    private static String fmt(CrossSection x) {
        return String.format(Locale.ROOT, "%.6g +- %.2g fb (%d points)", x.valueFb(), x.errorFb(), x.points());
    }
}
