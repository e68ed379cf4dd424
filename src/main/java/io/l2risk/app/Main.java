package io.l2risk.app;

import io.l2risk.config.ConfigurationException;
import io.l2risk.serde.AvroClassTrust;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The one launcher: {@code java -jar target/l2-risk-monitor.jar <command>}. Every command is a
 * subcommand; {@code --help} lists them. {@code main} only parses, runs and returns the exit code.
 */
@Command(
        name = "l2-risk-monitor",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Watches Ethereum L1 for the risks of Layer-2 rollups and publishes risk alerts to Kafka.",
        subcommands = {
            RunCommand.class,
            BacktestCommand.class,
            TopicsCommand.class,
            ValidateEventsCommand.class,
            PrintTopologyCommand.class,
            SimulateCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @Spec
    CommandSpec spec;

    /** Builds the command line; tests use it to run commands in-process. */
    public static CommandLine commandLine() {
        // Avro 1.12.2 refuses to load generated classes by name unless trusted; every command reads them.
        AvroClassTrust.install();
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true)
                .setExecutionExceptionHandler(Main::configurationErrors);
    }

    public static void main(String[] args) {
        int exitCode = commandLine().execute(args);
        // Only here, after the command has closed everything it opened, does the process exit.
        System.exit(exitCode);
    }

    /** A configuration problem is the user's to fix: its message, no stack trace, exit code 2. */
    private static int configurationErrors(Exception e, CommandLine cli, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof ConfigurationException) {
            cli.getErr().println(cli.getCommandName() + ": " + e.getMessage());
            cli.getErr().flush();
            return 2;
        }
        throw e;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar manifest ({@code dev} when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"l2-risk-monitor " + (version == null ? "dev" : version)};
        }
    }
}
