package org.fourmu.app.command;

import java.util.concurrent.Callable;
import org.fourmu.physics.limits.CountingLimit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fourmu stats}: statistics for quick checks and teaching. */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "Statistics for quick checks.",
        subcommands = {StatsCommand.Counting.class})
public final class StatsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a statistic, e.g. 'counting'");
    }

    /** The CLs upper limit of a counting experiment. */
    @Command(name = "counting", mixinStandardHelpOptions = true,
            description = "CLs upper limit on the signal of a counting experiment with known background.")
    static final class Counting implements Callable<Integer> {
        @Option(names = "--observed", required = true, description = "Observed events.")
        long observed;

        @Option(names = "--background", defaultValue = "0", description = "Expected background (default: ${DEFAULT-VALUE}).")
        double background;

        @Option(names = "--cl", defaultValue = "0.9", description = "Confidence level (default: ${DEFAULT-VALUE}).")
        double cl;

        @Override
        public Integer call() {
            if (observed < 0 || !(background >= 0) || !(cl > 0 && cl < 1)) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "need --observed >= 0, --background >= 0 and 0 < --cl < 1");
            }
            System.out.printf("observed %d, background %.4g: %.0f%% CL CLs upper limit on the signal = %.4f%n",
                    observed, background, 100 * cl, CountingLimit.upperLimit(observed, background, cl));
            return 0;
        }
    }
}
