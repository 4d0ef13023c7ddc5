package org.fourmu.app.command;

import java.util.concurrent.Callable;
import org.fourmu.simulation.generator.CrossSectionReport;
import org.fourmu.simulation.generator.GeneratorCuts;
import org.fourmu.simulation.generator.Processes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `fourmu xsec`: the cross section of a generator process with its MC error; widths and couplings for the signal models. */
@Command(name = "xsec", mixinStandardHelpOptions = true,
    description = "Cross section of a generator process (mumu, zprime, scalar, mumumumu, mumugamma, eemumu) with its Monte Carlo error.")
public final class XsecCommand implements Callable<Integer> {

    @Option(names = "--process", required = true, description = "mumu, zprime, scalar, mumumumu, mumugamma or eemumu")
    String process;

    @Option(names = "--mass", defaultValue = "3.0", description = "X mass in GeV (signal models; default ${DEFAULT-VALUE})")
    double massGeV;

    @Option(names = "--coupling", description = "coupling g for the full matrix element (signal models; default "
        + CrossSectionReport.DEFAULT_SIGNAL_COUPLING + ", narrow width)")
    Double coupling;

    @Option(names = "--no-isr", description = "Born level: no ISR and no beam energy spread")
    boolean noIsr;

    @Option(names = "--no-cuts", description = "no generator cuts (default cuts: sqrt(s') > 9 GeV for four muons, > 5 GeV for mumu)")
    boolean noCuts;

    @Option(names = "--events", defaultValue = "50000", description = "weighted points (default ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        GeneratorCuts cuts = noCuts ? GeneratorCuts.NONE : Processes.defaultCuts(process);
        double g = coupling != null ? coupling : CrossSectionReport.DEFAULT_SIGNAL_COUPLING;
        CrossSectionReport report = new CrossSectionReport(process, massGeV, g, !noIsr, cuts, events, seed);
        report.format(report.compute()).forEach(System.out::println);
        return 0;
    }
}
