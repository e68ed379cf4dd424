package io.l2risk.app;

import io.l2risk.config.ConfigurationException;
import io.l2risk.config.Suggestions;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The lower layers of every command's options (style.md): defaults in code (the option
 * annotations) &lt; a config file &lt; the environment &lt; flags. An option {@code --http-port} is
 * <ul>
 *   <li>{@code http-port=8081} in the config file of {@code --config FILE} (or
 *       {@code L2RISK_CONFIG}), a Java properties file whose keys are option names without the dashes;</li>
 *   <li>{@code L2RISK_HTTP_PORT=8081} in the environment (upper case, {@code -} becomes {@code _});</li>
 *   <li>{@code --http-port 8081} on the command line, which wins.</li>
 * </ul>
 * Kafka client settings have their own layers ({@code --kafka-config FILE} &lt; {@code KAFKA_*} &lt;
 * flags, see {@link io.l2risk.config.KafkaClientSettings}).
 *
 * <p>picocli asks this provider, after parsing, for every option the command line did not set, and
 * converts and validates the value like a flag's. {@link #check} rejects what would otherwise be
 * ignored: a config-file key that is no option of the command, an {@code L2RISK_*} variable that is
 * no option of any command. {@link #originOf} names where a value came from, for error messages.
 */
final class LayeredDefaults implements IDefaultValueProvider {

    static final String ENV_PREFIX = "L2RISK_";
    static final String CONFIG = "config";

    private final Map<String, String> environment;
    private final Map<ArgSpec, String> origins = new ConcurrentHashMap<>();
    private final Map<Path, Properties> files = new ConcurrentHashMap<>();

    LayeredDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        Optional<String> name = settingName(arg);
        if (name.isEmpty()) {
            return null;
        }
        String variable = environmentVariable(name.get());
        String value = environment.get(variable);
        if (value != null && !value.isBlank()) {
            origins.put(arg, "environment variable " + variable);
            return value.trim();
        }
        if (name.get().equals(CONFIG)) {
            return null;
        }
        Path file = configFile(arg.command());
        if (file != null) {
            String fromFile = load(file).getProperty(name.get());
            if (fromFile != null) {
                origins.put(arg, "config file " + file + ", key " + name.get());
                return fromFile.trim();
            }
        }
        return null;
    }

    /** Where the value of {@code arg} came from, if from this provider. */
    Optional<String> originOf(ArgSpec arg) {
        return Optional.ofNullable(origins.get(arg));
    }

    /**
     * Fails on settings that would be silently ignored: keys of the config file that are not options
     * of {@code command}, and {@code L2RISK_*} variables that are not options of any command under
     * {@code root}.
     *
     * @throws ConfigurationException naming the setting, where it came from and the closest valid name
     */
    void check(CommandSpec root, CommandSpec command) {
        TreeSet<String> everywhere = new TreeSet<>();
        collectNames(root, everywhere);
        List<String> problems = new ArrayList<>();
        new TreeMap<>(environment).forEach((variable, value) -> {
            if (variable.startsWith(ENV_PREFIX) && !value.isBlank()
                    && everywhere.stream().map(LayeredDefaults::environmentVariable).noneMatch(variable::equals)) {
                List<String> variables = everywhere.stream().map(LayeredDefaults::environmentVariable).toList();
                problems.add("unknown environment variable " + variable + hint(variable, variables));
            }
        });
        Path file = configFile(command);
        if (file != null) {
            TreeSet<String> own = new TreeSet<>();
            command.options().forEach(o -> settingName(o).ifPresent(own::add));
            own.remove(CONFIG);
            for (String key : new TreeSet<>(load(file).stringPropertyNames())) {
                if (!own.contains(key)) {
                    problems.add("unknown setting '" + key + "' in config file " + file + " (not an option of '"
                            + command.qualifiedName(" ") + "')" + hint(key, own));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join("; ", problems));
        }
    }

    private static void collectNames(CommandSpec command, TreeSet<String> names) {
        command.options().forEach(o -> settingName(o).ifPresent(names::add));
        command.subcommands().values().forEach(sub -> collectNames(sub.getCommandSpec(), names));
    }

    private static String hint(String unknown, Iterable<String> known) {
        return Suggestions.closest(unknown, known).map(s -> "; did you mean " + s + "?").orElse("");
    }

    /** {@code --http-port} is the setting {@code http-port}; help options and short-only options are none. */
    private static Optional<String> settingName(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()
                || !option.longestName().startsWith("--")) {
            return Optional.empty();
        }
        return Optional.of(option.longestName().substring(2));
    }

    static String environmentVariable(String setting) {
        return ENV_PREFIX + setting.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The file of the command's {@code --config} option as parsed, else {@code L2RISK_CONFIG}, else none. */
    private Path configFile(CommandSpec command) {
        OptionSpec option = command == null ? null : command.findOption("--" + CONFIG);
        if (option == null) {
            return null;
        }
        Object parsed = option.getValue();
        if (parsed != null) {
            return (Path) parsed;
        }
        String variable = environment.get(environmentVariable(CONFIG));
        return variable == null || variable.isBlank() ? null : Path.of(variable.trim());
    }

    private Properties load(Path file) {
        return files.computeIfAbsent(file, f -> {
            Properties props = new Properties();
            try (Reader in = Files.newBufferedReader(f)) {
                props.load(in);
            } catch (NoSuchFileException e) {
                throw new ConfigurationException("config file " + f + " does not exist");
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigurationException("cannot read config file " + f + ": " + e.getMessage(), e);
            }
            return props;
        });
    }
}
