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

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "On failure, print the stack trace after the one-line message.")
    boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (try --help)");
    }

    /**
     * The command line with the project's error handling: a bad option or value is one line naming
     * it (exit 2); a failure while running is one line naming the cause (exit 1), with the stack
     * trace only under {@code --verbose}.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new FourmuCommand());
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            String name = failed.getCommandSpec().qualifiedName();
            failed.getErr().println(name + ": " + ex.getMessage() + " (try '" + name + " --help')");
            failed.getErr().flush();
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + describe(ex));
            if (verbose(parseResult)) {
                ex.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return commandLine.getCommandSpec().exitCodeOnExecutionException();
        });
        return cl;
    }

    private static boolean verbose(CommandLine.ParseResult result) {
        for (CommandLine.ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** One line for a failure: its message and those of its causes that add something. */
    static String describe(Throwable failure) {
        StringBuilder line = new StringBuilder();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            String m = messageOf(t);
            if (line.indexOf(m) < 0) {
                line.append(line.length() == 0 ? "" : ": ").append(m);
            }
        }
        return line.toString().replace('\n', ' ');
    }

    private static String messageOf(Throwable t) {
        if (t instanceof java.nio.file.NoSuchFileException e) {
            return "no such file: " + e.getFile();
        }
        if (t instanceof java.nio.file.AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (t instanceof java.nio.file.FileSystemException e) {
            return e.getMessage();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
