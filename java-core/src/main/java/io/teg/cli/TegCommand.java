package io.teg.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code teg}: the command line of the Thermo-Economic Governor. Usage errors print one line to standard error and
 * exit with 2; failures of the work itself exit with 1.
 */
@Command(name = "teg", mixinStandardHelpOptions = true, versionProvider = TegCommand.Version.class,
        description = "Thermo-Economic Governor: a market-and-physics scheduler for GPU and HPC clusters.",
        subcommands = {SimCommand.class, ResultsCommand.class, BenchCommand.class, io.teg.cli.cluster.ClusterCommand.class,
                io.teg.cli.cluster.DemoCommand.class, GridRoleCommand.Governor.class, GridRoleCommand.Ledger.class,
                AgentCommand.class,
                CommandLine.HelpCommand.class})
public final class TegCommand implements Runnable {

    /** Exit code for bad input: an unknown option or value, a missing or malformed file. */
    public static final int USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (for tests and for main). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new TegCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            String where = ex.getCommandLine().getCommandName();
            ex.getCommandLine().getErr().println("teg " + where + ": " + ex.getMessage()
                    + " (see teg " + where + " --help)");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String name = commandLine.getCommandName();
            if (ex instanceof BadInputException || ex instanceof IllegalArgumentException) {
                commandLine.getErr().println("teg " + name + ": " + ex.getMessage());
                return USAGE;
            }
            // anything else is a fault of teg itself: say so in one line, then give the trace for the bug report
            commandLine.getErr().println("teg " + name + ": failed: " + ex);
            ex.printStackTrace(commandLine.getErr());
            return 1;
        });
        return cl.execute(args);
    }

    /** The version from the jar manifest, or "dev". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = TegCommand.class.getPackage().getImplementationVersion();
            return new String[] {"teg " + (v == null ? "dev" : v)};
        }
    }
}
