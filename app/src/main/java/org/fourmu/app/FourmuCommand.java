package org.fourmu.app;

import org.fourmu.app.command.BenchCommand;
import org.fourmu.app.command.CalibrateCommand;
import org.fourmu.app.command.DemoCommand;
import org.fourmu.app.command.ExportCommand;
import org.fourmu.app.command.ImportCommand;
import org.fourmu.app.command.RecordCommand;
import org.fourmu.app.command.ReplayCommand;
import org.fourmu.app.command.ScanCommand;
import org.fourmu.app.command.SimulateCommand;
import org.fourmu.app.command.SinkCommand;
import org.fourmu.app.command.StatsCommand;
import org.fourmu.app.command.ValidateCommand;
import org.fourmu.app.command.XsecCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fourmu} command line. A new subcommand is one class in {@code org.fourmu.app.command}
 * and one entry in {@code subcommands} below.
 */
@Command(name = "fourmu", mixinStandardHelpOptions = true, version = "fourmu 0.1.0",
        description = "A streaming search for a dimuon resonance in e+e- -> mu+mu-mu+mu- (Belle II analysis on Kafka Streams).",
        subcommands = {DemoCommand.class, SimulateCommand.class, CalibrateCommand.class, RecordCommand.class, ReplayCommand.class, ImportCommand.class, ExportCommand.class, SinkCommand.class, XsecCommand.class, ScanCommand.class, StatsCommand.class, ValidateCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class FourmuCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (try --help)");
    }

    /** The command line with the project's error handling: bad options name the option, no stack traces. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new FourmuCommand());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("fourmu " + commandLine.getCommandName() + ": " + ex.getMessage());
            return 1;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
