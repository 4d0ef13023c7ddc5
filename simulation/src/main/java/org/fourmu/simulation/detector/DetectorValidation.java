package org.fourmu.simulation.detector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.HelixParameters;
import org.fourmu.physics.event.Photon;
import org.fourmu.physics.event.Track;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.simulation.GeneratedEvent;
import org.fourmu.simulation.GeneratedParticle;
import org.fourmu.simulation.generator.EventGenerator;
import org.fourmu.simulation.mix.MixProcesses;
import org.fourmu.simulation.validation.SvgPlot;

/**
 * Validation of the fast detector (`fourmu validate detector`): resolutions against their formulas, helix
 * pulls, muon efficiency and pion fake rate with {@link ReferenceMuonId} against the paper's numbers, photon
 * resolution, KLM penetration, the mix cross sections and the cost per event. Writes detector.md.
 */
public final class DetectorValidation {

    private static final long SEED = 20240611L;
    private static final double MU = PhysicalConstants.MUON_MASS_GEV;
    private final List<String> md = new ArrayList<>();
    private final Path dir;
    private final FastDetector detector = FastDetector.nominal();
    private int failures;

    private DetectorValidation(Path dir) {
        this.dir = dir;
    }

    /** Runs every check, writes reportDir/detector.md and plots under reportDir/detector/; returns the failed checks. */
    public static int run(Path reportDir) throws IOException {
        Files.createDirectories(reportDir.resolve("detector"));
        DetectorValidation v = new DetectorValidation(reportDir);
        v.md.add("# Fast detector validation");
        v.md.add("");
        v.md.add("Produced by `org.fourmu.simulation.detector.DetectorValidation.run(reportDir)` (`fourmu validate detector`),"
            + " seed " + SEED + ". Parameters: `DetectorParameters.NOMINAL` (each with its source in the code).");
        v.momentumResolution();
        v.pulls();
        v.muonId();
        v.klmPenetration();
        v.photons();
        v.beamBackgroundVeto();
        v.mix();
        v.cost();
        v.md.add("");
        v.md.add(String.format(Locale.ROOT, "**Result: %s** (%d failed checks).", v.failures == 0 ? "all checks pass" : "FAILURES", v.failures));
        Files.write(reportDir.resolve("detector.md"), v.md);
        return v.failures;
    }

    public static void main(String[] args) throws IOException {
        int f = run(Path.of(args.length > 0 ? args[0] : "docs/validation"));
        System.exit(f == 0 ? 0 : 1);
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            failures++;
        }
        md.add("- " + (ok ? "PASS" : "FAIL") + ": " + what);
    }

    private static GeneratedParticle particle(int pdg, double p, double thetaRad, double phi) {
        return new GeneratedParticle(pdg, FourVector.fromPolar(p, thetaRad, phi, Math.abs(pdg) == 13 ? MU : PhysicalConstants.PION_MASS_GEV));
    }

    /** A direction uniform in cos(theta) inside the tracking acceptance. */
    private static double trackingTheta(UniformRandomProvider rng) {
        double c1 = Math.cos(Math.toRadians(17));
        double c2 = Math.cos(Math.toRadians(150));
        return Math.acos(c2 + (c1 - c2) * rng.nextDouble());
    }

    private void momentumResolution() throws IOException {
        md.add("");
        md.add("## Transverse-momentum resolution (muons at theta = 90 deg)");
        md.add("");
        md.add("| pT [GeV] | measured sigma(pT)/pT | formula 0.1% pT (+) 0.3% | phi0 sigma [mrad] | tanLambda sigma [mrad] |");
        md.add("|---|---|---|---|---|");
        UniformRandomProvider rng = RandomStreams.forKeys(SEED, 1);
        double[] pts = {0.2, 0.5, 1, 2, 3, 4, 5, 6};
        double[] measured = new double[pts.length];
        double[] formula = new double[pts.length];
        boolean ok = true;
        for (int k = 0; k < pts.length; k++) {
            SummaryStatistics rel = new SummaryStatistics();
            SummaryStatistics phi = new SummaryStatistics();
            SummaryStatistics tl = new SummaryStatistics();
            for (int n = 0; n < 20000; n++) {
                Optional<Track> t = detector.simulateTrack(particle(13, pts[k], Math.PI / 2, 0.3), rng);
                if (t.isPresent()) {
                    HelixParameters h = t.get().helix();
                    rel.addValue(h.pt(PhysicalConstants.BELLE2_SOLENOID_FIELD_T) / pts[k] - 1);
                    phi.addValue(h.phi0() - 0.3);
                    tl.addValue(h.tanLambda());
                }
            }
            measured[k] = rel.getStandardDeviation();
            formula[k] = Math.hypot(0.001 * pts[k], 0.003);
            ok &= Math.abs(measured[k] / formula[k] - 1) < 0.04;
            md.add(String.format(Locale.ROOT, "| %.1f | %.4f%% | %.4f%% | %.2f | %.2f |", pts[k], 100 * measured[k], 100 * formula[k],
                1e3 * phi.getStandardDeviation(), 1e3 * tl.getStandardDeviation()));
        }
        md.add("");
        check(ok, "sigma(pT)/pT within 4% of the paper's formula at every point (20k tracks each)");
        new SvgPlot("pT resolution, muons at 90 deg", "pT [GeV]", "sigma(pT)/pT", false)
            .add(new SvgPlot.Series("fast detector", pts, measured, null, false))
            .add(new SvgPlot.Series("0.1% pT (+) 0.3%", pts, formula, null, true))
            .write(dir.resolve("detector/pt-resolution.svg"));
        md.add("![pT resolution](detector/pt-resolution.svg)");
    }

    private void pulls() {
        md.add("");
        md.add("## Helix pulls (stored covariance vs applied smearing)");
        md.add("");
        FastDetector core = new FastDetector(DetectorParameters.NOMINAL.withoutImpactTails());
        UniformRandomProvider rng = RandomStreams.forKeys(SEED, 2);
        SummaryStatistics[] pulls = new SummaryStatistics[HelixParameters.DIMENSION];
        for (int i = 0; i < pulls.length; i++) {
            pulls[i] = new SummaryStatistics();
        }
        for (int n = 0; n < 50000; n++) {
            GeneratedParticle mu = particle(n % 2 == 0 ? 13 : -13, 0.2 + 5 * rng.nextDouble(), trackingTheta(rng), 2 * Math.PI * rng.nextDouble() - Math.PI);
            Optional<Track> t = core.simulateTrack(mu, rng);
            if (t.isEmpty()) {
                continue;
            }
            HelixParameters h = t.get().helix();
            double[] truth = FastDetector.trueHelix(mu.momentum(), mu.charge(), 0, 0, 0);
            double[] m = {h.d0(), h.phi0(), h.omega(), h.z0(), h.tanLambda()};
            for (int i = 0; i < pulls.length; i++) {
                double d = i == HelixParameters.PHI0 ? Math.IEEEremainder(m[i] - truth[i], 2 * Math.PI) : m[i] - truth[i];
                pulls[i].addValue(d / Math.sqrt(h.cov(i, i)));
            }
        }
        String[] names = {"d0", "phi0", "omega", "z0", "tanLambda"};
        md.add("| parameter | pull mean | pull width |");
        md.add("|---|---|---|");
        boolean ok = true;
        for (int i = 0; i < pulls.length; i++) {
            md.add(String.format(Locale.ROOT, "| %s | %+.4f | %.4f |", names[i], pulls[i].getMean(), pulls[i].getStandardDeviation()));
            ok &= Math.abs(pulls[i].getStandardDeviation() - 1) < 0.02 && Math.abs(pulls[i].getMean()) < 0.02;
        }
        md.add("");
        check(ok, "all five pulls have |mean| < 0.02 and width within 2% of 1 (50k muons 0.2-5.2 GeV; core only:"
            + " the " + 100 * DetectorParameters.NOMINAL.impactTailFraction() + "% d0/z0 tail tracks are outside the covariance by design)");
    }

    private void muonId() throws IOException {
        md.add("");
        md.add("## Muon identification with the reference cut-based ID");
        md.add("");
        md.add("`ReferenceMuonId`: above the KLM threshold at most " + ReferenceMuonId.MAX_MISSING_LAYERS + " expected KLM layers"
            + " missing and no electron-like ECL deposit; below it an ECL deposit in the MIP window. Single particles"
            + " uniform in cos(theta) over 17-150 deg, both charges. Paper (Sec. IV B): 93-99% muon efficiency,"
            + " 80-97% pion rejection depending on momentum.");
        md.add("");
        md.add("| p [GeV] | muon efficiency | pion fake rate | pion rejection |");
        md.add("|---|---|---|---|");
        UniformRandomProvider rng = RandomStreams.forKeys(SEED, 3);
        double[] edges = {0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0};
        int bins = edges.length - 1;
        double[] centre = new double[bins];
        double[] eff = new double[bins];
        double[] fake = new double[bins];
        boolean ok = true;
        for (int b = 0; b < bins; b++) {
            int[] pass = new int[2];
            int[] total = new int[2];
            for (int n = 0; n < 20000; n++) {
                double p = edges[b] + (edges[b + 1] - edges[b]) * rng.nextDouble();
                int species = n % 2;
                int pdg = (species == 0 ? 13 : 211) * (rng.nextBoolean() ? 1 : -1);
                Optional<Track> t = detector.simulateTrack(particle(pdg, p, trackingTheta(rng), 2 * Math.PI * rng.nextDouble()), rng);
                if (t.isPresent()) {
                    total[species]++;
                    pass[species] += ReferenceMuonId.isMuon(t.get()) ? 1 : 0;
                }
            }
            centre[b] = 0.5 * (edges[b] + edges[b + 1]);
            eff[b] = (double) pass[0] / total[0];
            fake[b] = (double) pass[1] / total[1];
            if (edges[b] >= 1.0) {
                ok &= eff[b] > 0.93 && fake[b] < 0.20;
            }
            md.add(String.format(Locale.ROOT, "| %.1f-%.1f | %.3f | %.3f | %.3f |", edges[b], edges[b + 1], eff[b], fake[b], 1 - fake[b]));
        }
        md.add("");
        check(ok, "above 1.0 GeV muon efficiency > 93% and pion rejection > 80% in every bin (paper: 93-99%, 80-97%)");
        md.add("");
        md.add("Known shortfall, 0.7-1.0 GeV: a muon reaches only 1-7 KLM layers there, and a pion that neither"
            + " interacts in the ECL/solenoid (~34%) nor in the first 1-6 iron plates (0.76 per plate) ranges out"
            + " exactly like a muon in this model, which has no KLM hit-pattern chi^2, no transverse-scatter"
            + " information and no kink finding for decays in flight; the rejection there is ~64% instead of >= 80%.");
        md.add("");
        md.add("Below 0.7 GeV the fast detector gives the ID only the ECL deposit and dE/dx (muons and pions are both"
            + " near minimum ionisation there), so a cut-based ID cannot reach the paper's rejection: a non-interacting"
            + " pion (45% in 0.76 lambda_I of CsI) is a MIP like a muon. The paper's low-momentum performance uses the"
            + " full CDC/ECL shower-shape information that this model does not have; a likelihood built on these"
            + " observables will inherit this limit.");
        new SvgPlot("Reference muon ID", "p [GeV]", "fraction identified as muon", false)
            .add(new SvgPlot.Series("muon efficiency", centre, eff, null, true))
            .add(new SvgPlot.Series("pion fake rate", centre, fake, null, true))
            .write(dir.resolve("detector/muon-id.svg"));
        md.add("");
        md.add("![muon ID](detector/muon-id.svg)");
    }

    private void klmPenetration() {
        md.add("");
        md.add("## KLM penetration of muons at theta = 90 deg (barrel, 15 layers)");
        md.add("");
        md.add("| p [GeV] | expected layers | mean reached |");
        md.add("|---|---|---|");
        UniformRandomProvider rng = RandomStreams.forKeys(SEED, 4);
        for (double p : new double[] {0.5, 0.6, 0.7, 0.8, 1.0, 1.2, 1.5, 2.0, 5.0}) {
            SummaryStatistics reached = new SummaryStatistics();
            for (int n = 0; n < 2000; n++) {
                detector.simulateTrack(particle(13, p, Math.PI / 2, 0), rng).ifPresent(t -> reached.addValue(t.klmLayersReached()));
            }
            md.add(String.format(Locale.ROOT, "| %.1f | %d | %.2f |", p, detector.klm().expectedLayers(p, Math.PI / 2), reached.getMean()));
        }
        md.add("");
        check(detector.klm().expectedLayers(0.6, Math.PI / 2) <= 1 && detector.klm().expectedLayers(0.7, Math.PI / 2) >= 1,
            "muons start to reach the barrel KLM at 0.6-0.7 GeV (PHYSICS.md)");
    }

    private void photons() throws IOException {
        md.add("");
        md.add("## Photon energy resolution (barrel, theta = 90 deg)");
        md.add("");
        md.add("| E [GeV] | measured sigma(E)/E | parametrisation | reconstructed fraction |");
        md.add("|---|---|---|---|");
        UniformRandomProvider rng = RandomStreams.forKeys(SEED, 5);
        double[] energies = {0.1, 0.2, 0.5, 1, 2, 4, 8};
        double[] measured = new double[energies.length];
        double[] param = new double[energies.length];
        boolean ok = true;
        for (int k = 0; k < energies.length; k++) {
            SummaryStatistics rel = new SummaryStatistics();
            int n = 20000;
            double energy = energies[k];
            for (int i = 0; i < n; i++) {
                Optional<Photon> g = detector.simulatePhoton(FourVector.fromPolar(energy, Math.PI / 2, 0, 0), rng);
                g.ifPresent(photon -> rel.addValue(photon.energyGeV() / energy - 1));
            }
            measured[k] = rel.getStandardDeviation();
            param[k] = DetectorParameters.NOMINAL.relativePhotonEnergyResolution(energies[k]);
            if (energies[k] >= 0.2) {
                ok &= Math.abs(measured[k] / param[k] - 1) < 0.04;
            }
            md.add(String.format(Locale.ROOT, "| %.1f | %.2f%% | %.2f%% | %.3f |", energies[k], 100 * measured[k], 100 * param[k], (double) rel.getN() / n));
        }
        md.add("");
        md.add("At 0.1 GeV half of the photons fall below the 0.1 GeV threshold, so the measured width is that of the"
            + " surviving upper half.");
        check(ok, "photon sigma(E)/E within 4% of the parametrisation above 0.2 GeV; ~4% at 0.1 GeV and ~1.6% at 8 GeV as in PHYSICS.md: "
            + String.format(Locale.ROOT, "%.1f%%, %.2f%%", 100 * param[0], 100 * param[energies.length - 1]));
        new SvgPlot("Photon energy resolution", "E [GeV]", "sigma(E)/E", false)
            .add(new SvgPlot.Series("fast detector", energies, measured, null, false))
            .add(new SvgPlot.Series("parametrisation", energies, param, null, true))
            .write(dir.resolve("detector/photon-resolution.svg"));
        md.add("");
        md.add("![photon resolution](detector/photon-resolution.svg)");
    }

    private void beamBackgroundVeto() {
        md.add("");
        md.add("## Beam-background photons and the 0.4 GeV photon-energy cut");
        md.add("");
        md.add("| background level | events with sum E(photons) > 0.4 GeV (empty events) |");
        md.add("|---|---|");
        double nominal = 0;
        for (double scale : new double[] {0.5, 1.0, 2.0}) {
            double mean = DetectorParameters.NOMINAL.beamBackgroundClustersMean() * scale;
            FastDetector d = new FastDetector(DetectorParameters.NOMINAL.withBeamBackgroundClustersMean(mean));
            GeneratedEvent empty = new GeneratedEvent("empty", List.of(), Double.NaN, 1.0);
            int n = 100_000;
            int vetoed = 0;
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (Photon g : d.simulate(empty, 0, 1, i, BeamConditions.NOMINAL, SEED).photons()) {
                    sum += g.energyGeV();
                }
                vetoed += sum > 0.4 ? 1 : 0;
            }
            double fraction = (double) vetoed / n;
            if (scale == 1.0) {
                nominal = fraction;
            }
            md.add(String.format(Locale.ROOT, "| x%.1f (%.2f clusters/event) | %.2f%% |", scale, mean, 100 * fraction));
        }
        md.add("");
        check(nominal > 0.005 && nominal < 0.03, "nominal beam background vetoes 0.5-3% of events (paper Sec. VI: a small effect,"
            + " uncertainty < 1% when the background level is varied)");
    }

    private void mix() {
        md.add("");
        md.add("## Process mix at 10.58 GeV");
        md.add("");
        md.add("| process | cross section | source |");
        md.add("|---|---|---|");
        for (String name : MixProcesses.FULL_MIX) {
            EventGenerator g = MixProcesses.generator(name, 3, 0.01, SEED);
            String source = MixProcesses.CHEAP_NAMES.contains(name)
                ? (name.equals("jpsipipi") ? "ISR psi(2S) formula x PDG branching fractions" : "literature (Belle II Physics Book)")
                : "matrix-element generator inside its default cuts";
            md.add(String.format(Locale.ROOT, "| %s | %.4g nb | %s |", name, g.crossSection().valueNb(), source));
        }
    }

    private void cost() {
        md.add("");
        md.add("## Cost per event (single thread)");
        md.add("");
        md.add("| process | generation [us/event] | detector [us/event] |");
        md.add("|---|---|---|");
        for (String name : List.of("mumumumu", "bhabha", "tautau", "qqbar", "bbbar", "jpsipipi")) {
            EventGenerator g = MixProcesses.generator(name, 3, 0.01, SEED);
            int n = name.equals("mumumumu") ? 3000 : 30000;
            List<GeneratedEvent> events = new ArrayList<>(n);
            for (int i = 0; i < 300; i++) {
                g.generate(i);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                events.add(g.generate(1000 + i));
            }
            long t1 = System.nanoTime();
            long tracks = 0;
            for (int i = 0; i < n; i++) {
                tracks += detector.simulate(events.get(i), 0, 1, i, BeamConditions.NOMINAL, SEED).tracks().size();
            }
            long t2 = System.nanoTime();
            md.add(String.format(Locale.ROOT, "| %s | %.1f | %.1f (%.1f tracks/event) |", name, (t1 - t0) * 1e-3 / n, (t2 - t1) * 1e-3 / n,
                (double) tracks / n));
        }
    }
}
