package io.l2risk.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the rollup registry from YAML and fails at start on anything invalid, naming file, line, path
 * and reason for every problem at once.
 *
 * <pre>
 * rollups:
 *   - id: arbitrum-one              # lower-case kebab case, required
 *     name: Arbitrum One
 *     stack: ARBITRUM_NITRO         # required for a new id
 *     l1ChainId: 1                  # default 1
 *     da: ETHEREUM                  # ETHEREUM (default), ANYTRUST, DAC, EXTERNAL
 *     contracts: { sequencerInbox: "0x1c47…82b6", bridge: "0x8315…ed3a" }
 *     batchers: ["0x0c59…e32d"]
 *     batchInbox: "0xff00…0010"     # OP Stack
 *     params: { challengePeriod: 45818 blocks, forceInclusionWindow: 24h, dacThreshold: 5, dacMembers: 6 }
 *     thresholds: { BATCH_LIVENESS: { warnAfter: 2h } }
 *     watched: ["0x3fff…cedd"]
 * </pre>
 *
 * An operator's file is laid over the bundled presets by id ({@link RollupSpec#overlay}): an entry with a
 * preset's id changes only the keys it states; a new id adds a rollup.
 */
public final class RollupRegistryLoader {

    /** Classpath location of the bundled Ethereum-mainnet presets. */
    public static final String BUNDLED_RESOURCE = "rollups/mainnet.yaml";

    private static final Logger LOG = LoggerFactory.getLogger(RollupRegistryLoader.class);
    private static final String BUNDLED_NAME = "classpath:" + BUNDLED_RESOURCE;

    private RollupRegistryLoader() {
    }

    /**
     * The rollups of {@code file} alone, without the presets.
     *
     * @throws RollupRegistryException if the file cannot be read or is invalid
     */
    public static RollupRegistry load(Path file) {
        return build(List.of(fileSource(file)));
    }

    /**
     * The bundled presets ({@value #BUNDLED_RESOURCE}).
     *
     * @throws RollupRegistryException if the bundled file is missing or invalid (a build defect)
     */
    public static RollupRegistry loadBundled() {
        return build(List.of(bundledSource()));
    }

    /**
     * The bundled presets with {@code userFile} laid over them: its entries override presets with the same
     * id key by key, and add rollups with new ids.
     *
     * @throws RollupRegistryException if either file cannot be read or is invalid
     */
    public static RollupRegistry loadBundledPlus(Path userFile) {
        return build(List.of(bundledSource(), fileSource(userFile)));
    }

    private static RollupRegistry build(List<Source> sources) {
        Problems problems = new Problems();
        Map<String, RollupSpec> merged = new LinkedHashMap<>();
        for (Source source : sources) {
            List<RollupSpec> specs = source.parse(problems);
            int overridden = 0;
            for (RollupSpec spec : specs) {
                RollupSpec base = merged.get(spec.id());
                if (base != null) {
                    overridden++;
                }
                merged.put(spec.id(), base == null ? spec : spec.overlay(base));
            }
            LOG.info("Rollup registry: {} entries from {} ({} overriding earlier ones)", specs.size(), source.name(),
                    overridden);
        }
        List<RollupConfig> configs = new ArrayList<>();
        List<RollupRegistry.ThresholdSite> sites = new ArrayList<>();
        for (RollupSpec spec : merged.values()) {
            spec.toConfig(problems).ifPresent(config -> {
                configs.add(config);
                sites.addAll(spec.thresholdSites());
            });
        }
        problems.throwIfAny();
        return new RollupRegistry(configs, sites);
    }

    private static Source fileSource(Path file) {
        String name = file.toString();
        return new Source(name, problems -> {
            try (InputStream in = Files.newInputStream(file)) {
                return RollupFileParser.parse(name, in, problems);
            } catch (NoSuchFileException e) {
                throw new RollupRegistryException(name + ": no such file", e);
            } catch (IOException e) {
                throw new RollupRegistryException(name + ": cannot be read: " + e.getMessage(), e);
            }
        });
    }

    private static Source bundledSource() {
        return new Source(BUNDLED_NAME, problems -> {
            try (InputStream in = RollupRegistryLoader.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE)) {
                if (in == null) {
                    throw new RollupRegistryException(List.of(BUNDLED_NAME + ": missing from the classpath"));
                }
                return RollupFileParser.parse(BUNDLED_NAME, in, problems);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private record Source(String name, Parse parse) {
        List<RollupSpec> parse(Problems problems) {
            return parse.apply(problems);
        }
    }

    @FunctionalInterface
    private interface Parse {
        List<RollupSpec> apply(Problems problems);
    }
}
