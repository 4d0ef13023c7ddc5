package org.fourmu.app.command;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fourmu.simulation.detector.DetectorValidation;
import org.fourmu.simulation.validation.GeneratorValidation;
import org.fourmu.simulation.validation.SelectionValidation;
import org.fourmu.simulation.validation.StatisticsValidation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fourmu validate <topic>}: the heavy physics validations, each writing a Markdown report
 * with plots under docs/validation; the exit code is the number of failed checks (0 = all passed).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Run a physics validation and write its report (exit code = failed checks).",
        subcommands = {ValidateCommand.Simulation.class, ValidateCommand.Detector.class, ValidateCommand.Selection.class,
            ValidateCommand.Calibration.class, ValidateCommand.Statistics.class, ValidateCommand.InjectedPeak.class})
public final class ValidateCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a validation, e.g. 'simulation'");
    }

    /** A validation that writes {@code <out>/<name>.md} and returns its number of failed checks. */
    abstract static class Report implements Callable<Integer> {
        @Option(names = "--out", defaultValue = "docs/validation", description = "Report directory (default: ${DEFAULT-VALUE}).")
        Path out;

        abstract String name();

        abstract int run(Path reportDir) throws Exception;

        @Override
        public Integer call() throws Exception {
            int failed = run(out);
            System.out.println(name() + " validation: " + (failed == 0 ? "all checks passed" : failed + " checks failed")
                    + "; report in " + out.resolve(name() + ".md"));
            return failed;
        }
    }

    @Command(name = "simulation", mixinStandardHelpOptions = true,
            description = "Generators: sigma(mumu) vs analytic, Ward identities, Lorentz invariance, RAMBO volumes, "
                    + "signal and 4mu cross sections by two routes, generation speed. Report: <out>/simulation.md")
    static final class Simulation extends Report {
        @Override
        String name() {
            return "simulation";
        }

        @Override
        int run(Path reportDir) throws Exception {
            return GeneratorValidation.run(reportDir);
        }
    }

    @Command(name = "detector", mixinStandardHelpOptions = true,
            description = "Fast detector: momentum and angle resolution, helix pulls, KLM, muon efficiency and pion "
                    + "rejection, photon resolution, beam-background veto, cost. Report: <out>/detector.md")
    static final class Detector extends Report {
        @Override
        String name() {
            return "detector";
        }

        @Override
        int run(Path reportDir) throws Exception {
            return DetectorValidation.run(reportDir);
        }
    }

    @Command(name = "selection", mixinStandardHelpOptions = true,
            description = "Per-event chain on simulation: trigger efficiency vs mass, muon ID vs momentum, resolution "
                    + "before and after the 4C fit, cut-flow, the 16 MLP inputs near 3 GeV, cost. Report: <out>/selection.md")
    static final class Selection extends Report {
        @Override
        String name() {
            return "selection";
        }

        @Override
        int run(Path reportDir) throws Exception {
            return SelectionValidation.run(reportDir);
        }
    }

    @Command(name = "calibration", mixinStandardHelpOptions = true,
            description = "Rebuild the shipped calibration bundle (seed 1; minutes) and check it: efficiency vs mass for both "
                    + "models, resolution, shape fits with pulls, ISR correction, systematics, same id as shipped. "
                    + "Report: <out>/calibration.md")
    static final class Calibration extends Report {
        @Override
        String name() {
            return "calibration";
        }

        @Override
        int run(Path reportDir) throws Exception {
            long t0 = System.nanoTime();
            var result = org.fourmu.simulation.calibration.CalibrationBuilder.beforeMlp(
                    org.fourmu.simulation.calibration.CalibrationConfig.standard(CalibrateCommand.DEFAULT_SEED),
                    line -> System.err.println("calibration: " + line)).build();
            return org.fourmu.simulation.validation.CalibrationValidation.write(result,
                    java.util.Optional.of(CalibrateCommand.shippedDefault()), "fourmu validate calibration",
                    (System.nanoTime() - t0) / 1e9, reportDir);
        }
    }

    @Command(name = "statistics", mixinStandardHelpOptions = true,
            description = "Statistics engine on simulated spectra: toy CLs against the PDG counting limits and the asymptotic "
                    + "formulae, look-elsewhere effect from background-only toy scans against Gross-Vitells, pulls of the "
                    + "fitted yield in every MLP range. Report: <out>/statistics.md")
    static final class Statistics extends Report {
        @Override
        String name() {
            return "statistics";
        }

        @Override
        int run(Path reportDir) throws Exception {
            return StatisticsValidation.run(reportDir);
        }
    }

    @Command(name = "injected-peak", mixinStandardHelpOptions = true,
            description = "The demo's injected Z' through the shipped bundle's chain against the bundle's signal shape: "
                    + "narrow couplings match the shape, a wide one the shape convolved with its width (~1 min). "
                    + "Report: <out>/injected-peak.md")
    static final class InjectedPeak extends Report {
        @Override
        String name() {
            return "injected-peak";
        }

        @Override
        int run(Path reportDir) throws Exception {
            return org.fourmu.simulation.validation.InjectedPeakValidation.run(CalibrateCommand.shippedDefault(), reportDir);
        }
    }
}
