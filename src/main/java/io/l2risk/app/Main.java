package io.l2risk.app;

import io.l2risk.config.ConfigurationException;
import io.l2risk.serde.AvroClassTrust;
import java.util.Map;
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
            ResetCommand.class,
            SimulateCommand.class,
            IngestCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @Spec
    CommandSpec spec;

    /** Builds the command line over the process environment. */
    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /**
     * Builds the command line; tests use it to run commands in-process with their own environment
     * ({@code L2RISK_*} option defaults, {@code KAFKA_*} client settings).
     */
    public static CommandLine commandLine(Map<String, String> environment) {
        // Avro 1.12.2 refuses to load generated classes by name unless trusted; every command reads them.
        AvroClassTrust.install();
        LayeredDefaults defaults = new LayeredDefaults(environment);
        CommandLine cli = new CommandLine(new Main(), new EnvironmentFactory(environment));
        cli.setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true)
                .setDefaultValueProvider(defaults)
                .setExecutionStrategy(parsed -> {
                    CommandLine last = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1);
                    try {
                        defaults.check(cli.getCommandSpec(), last.getCommandSpec());
                    } catch (ConfigurationException e) {
                        throw new CommandLine.ExecutionException(last, e.getMessage(), e);
                    }
                    return new CommandLine.RunLast().execute(parsed);
                })
                .setParameterExceptionHandler((e, args) -> badParameter(e, defaults))
                .setExecutionExceptionHandler(Main::configurationErrors);
        return cli;
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

    /** picocli's usual message and usage, plus where a bad value came from if not from the command line. */
    private static int badParameter(CommandLine.ParameterException e, LayeredDefaults defaults) {
        CommandLine cli = e.getCommandLine();
        String origin = e.getArgSpec() == null ? "" : defaults.originOf(e.getArgSpec()).map(o -> " (from " + o + ")").orElse("");
        cli.getErr().println(cli.getCommandName() + ": " + e.getMessage() + origin);
        if (origin.isEmpty() && !CommandLine.UnmatchedArgumentException.printSuggestions(e, cli.getErr())) {
            cli.getErr().println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for the options.");
        }
        cli.getErr().flush();
        return 2;
    }

    /**
     * Creates the commands, giving those with a {@code (Map<String, String> environment)} constructor
     * the command line's environment instead of the process's.
     */
    private record EnvironmentFactory(Map<String, String> environment) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(Map.class).newInstance(environment);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
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
