package io.l2risk.app;

import io.l2risk.config.ConfigurationException;
import io.l2risk.config.KafkaClientSettings;
import io.l2risk.ingest.BeaconBlobChecker;
import io.l2risk.ingest.ChainClient;
import io.l2risk.ingest.FileIngestSink;
import io.l2risk.ingest.IngestException;
import io.l2risk.ingest.IngestSettings;
import io.l2risk.ingest.IngestSink;
import io.l2risk.ingest.Ingester;
import io.l2risk.ingest.KafkaIngestSink;
import io.l2risk.ingest.RpcException;
import io.l2risk.ingest.RpcUrls;
import io.l2risk.ingest.Web3jChainClient;
import io.l2risk.ingest.decode.LogDecoders;
import io.l2risk.registry.RollupConfig;
import io.l2risk.registry.RollupRegistry;
import io.l2risk.registry.RollupRegistryLoader;
import io.l2risk.registry.StackDefaults;
import io.l2risk.serde.AvroSerdeConfig;
import io.l2risk.serde.SchemaRegistryConfig;
import io.l2risk.topics.TopicSettings;
import io.l2risk.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ingest}: L1 → ingest topics (or an event file). Backfills {@code --from-block..--to-block}, or
 * from the cursor, then follows the head unless {@code --to-block} is given. Exit codes: 0 when done
 * or stopped by SIGTERM/SIGINT, 1 when the ingester cannot go on (permanent RPC error, deep reorg,
 * Kafka failure), 2 for configuration errors. The RPC URL's secret part is never printed or logged.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read rollup events from Ethereum L1 into the ingest topics (or an event file with --out).",
            "Every option can also be set as L2RISK_<OPTION> in the environment or as <option>=value in --config FILE "
                    + "(L2RISK_RPC_URL keeps an API key off the command line)."})
final class IngestCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(IngestCommand.class);
    static final int INGEST_FAILED = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file of option values (keys = option names without dashes).")
    Path config;

    @Option(names = "--rpc-url", paramLabel = "URL", required = true,
            description = "HTTP(S) JSON-RPC endpoint of an L1 node; an API key in it is never logged.")
    String rpcUrl;

    @Option(names = "--rollups", paramLabel = "FILE",
            description = "Rollup registry YAML laid over the bundled mainnet presets (entries merged by id).")
    Path rollups;

    @Option(names = "--only", paramLabel = "ID[,ID...]", split = ",",
            description = "Ingest only these rollups (default: every rollup of the registry on the node's chain).")
    List<String> only;

    @Option(names = "--from-block", paramLabel = "N",
            description = "First block to ingest when this ingester has no cursor yet (default: the confirmed head).")
    Long fromBlock;

    @Option(names = "--to-block", paramLabel = "M",
            description = "Last block to ingest; then exit (default: follow the head).")
    Long toBlock;

    @Option(names = "--confirmations", paramLabel = "K", defaultValue = "" + IngestSettings.DEFAULT_CONFIRMATIONS,
            description = "Blocks to stay behind the head (default: ${DEFAULT-VALUE}); reorgs are handled either way.")
    int confirmations;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write an event file (JSON Lines, design.md §3) instead of the Kafka topics.")
    Path out;

    @Option(names = "--ingester-id", paramLabel = "ID", defaultValue = "default",
            description = "Name of this ingester's cursor and transactional id (default: ${DEFAULT-VALUE}).")
    String ingesterId;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka cluster of the ingest topics.")
    String bootstrapServers;

    @Option(names = {"--kafka-config", "--command-config"}, paramLabel = "FILE",
            description = "Kafka client and schema-registry client properties; KAFKA_* environment variables override it.")
    Path kafkaConfig;

    @Option(names = "--schema-registry-url", paramLabel = "URL[,URL...]",
            description = "Confluent-compatible schema registry of the cluster.")
    String schemaRegistryUrl;

    @Option(names = "--prefix", defaultValue = TopicSettings.DEFAULT_PREFIX,
            description = "Common prefix of every topic name (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--rpc-timeout", paramLabel = "DURATION", converter = TopicsCommand.DurationConverter.class,
            defaultValue = "30s", description = "Limit of one RPC call (default: ${DEFAULT-VALUE}).")
    Duration rpcTimeout;

    @Option(names = "--poll-interval", paramLabel = "DURATION", converter = TopicsCommand.DurationConverter.class,
            defaultValue = "4s", description = "How often the head is polled once caught up (default: ${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Option(names = "--max-range", paramLabel = "BLOCKS", defaultValue = "2000",
            description = "Most blocks per eth_getLogs step and per commit (default: ${DEFAULT-VALUE}; it shrinks by "
                    + "itself when the provider refuses a range; blocks read in full for batch inboxes go 50 at most).")
    int maxRange;

    @Option(names = "--beacon-url", paramLabel = "URL",
            description = "Beacon node REST API: fetch every blob batch's blobs and write DaObservation records "
                    + "(available or not, latency) to the da topic.")
    String beaconUrl;

    private final Map<String, String> environment;
    private final AtomicReference<Ingester> running = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);

    IngestCommand() {
        this(System.getenv());
    }

    IngestCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        IngestSettings settings = settings();
        RollupRegistry registry = rollups == null ? RollupRegistryLoader.loadBundled()
                : RollupRegistryLoader.loadBundledPlus(rollups);
        KafkaClientSettings kafka = out == null ? kafkaSettings() : null;
        String endpoint = RpcUrls.redact(rpcUrl);
        Thread hook = new Thread(this::stopAndWait, "l2risk-ingest-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (ChainClient client = new Web3jChainClient(rpcUrl, rpcTimeout)) {
            long chainId = chainId(client, endpoint);
            List<RollupConfig> selected = select(registry, chainId, only);
            try (IngestSink sink = sink(kafka, chainId)) {
                Ingester ingester = ingester(client, selected, sink, settings, beaconUrl, rpcTimeout);
                running.set(ingester);
                PrintWriter stdout = spec.commandLine().getOut();
                stdout.printf("Ingesting %d rollups (%s) from %s (chain %d) into %s%n", selected.size(),
                        selected.stream().map(RollupConfig::id).collect(Collectors.joining(", ")), endpoint, chainId,
                        out != null ? out : "the topics " + prefix + "ingest.* on "
                                + kafka.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).orElseThrow());
                stdout.flush();
                ingester.run();
                stdout.printf("Done: %d blocks, %d records, %d reorgs, %d RPC retries.%n", ingester.stats().blocks(),
                        ingester.stats().records(), ingester.stats().reorgs(), ingester.stats().retries());
                stdout.flush();
                return 0;
            }
        } catch (IngestException | IOException e) {
            log.error("ingest stopped: {}", e.getMessage());
            err.println("ingest: " + e.getMessage());
            err.flush();
            return INGEST_FAILED;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already running the hook.
            }
        }
    }

    private IngestSettings settings() {
        requireHttp("--rpc-url", rpcUrl, "JSON-RPC endpoint");
        if (beaconUrl != null) {
            requireHttp("--beacon-url", beaconUrl, "beacon API");
        }
        return checked(() -> {
            IngestSettings defaults = IngestSettings.defaults(ingesterId);
            return defaults.withConfirmations(confirmations)
                    .withRange(optional(fromBlock), optional(toBlock))
                    .withPolling(pollInterval, defaults.heartbeatInterval())
                    .withScanRanges(maxRange, Math.min(maxRange, defaults.maxBlockScanRange()));
        });
    }

    /** The ingester with the standard decoders, checking blobs on {@code beaconUrl} when it is given. */
    static Ingester ingester(ChainClient client, List<RollupConfig> rollups, IngestSink sink, IngestSettings settings,
                             String beaconUrl, Duration timeout) {
        Ingester ingester = new Ingester(client, rollups, sink, settings, LogDecoders.standard(), Clock.systemUTC());
        if (beaconUrl != null) {
            ingester.withBlobChecker(new BeaconBlobChecker(beaconUrl, timeout, StackDefaults.BLOB_RETENTION));
        }
        return ingester;
    }

    /** Ingest settings built from options, with an invalid value reported as a configuration error (exit 2). */
    static IngestSettings checked(Supplier<IngestSettings> options) {
        try {
            return options.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    /** Refuses a URL that is not HTTP(S), naming the option and never the URL's secret part. */
    static void requireHttp(String option, String url, String what) {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new ConfigurationException(option + " must be an http:// or https:// " + what + ", not "
                    + RpcUrls.redact(url));
        }
    }

    static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private KafkaClientSettings kafkaSettings() {
        KafkaClientSettings settings = RunCommand.userLayers(kafkaConfig, environment)
                .flag("--bootstrap-servers", CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)
                .flag("--schema-registry-url", SchemaRegistryConfig.URL, schemaRegistryUrl)
                .build();
        if (settings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).isEmpty()) {
            throw new ConfigurationException("ingest writes to Kafka (--bootstrap-servers and --schema-registry-url) "
                    + "or to an event file (--out FILE); give one of them");
        }
        if (settings.get(SchemaRegistryConfig.URL).isEmpty()) {
            throw new ConfigurationException("writing to Kafka needs the schema registry too: pass "
                    + "--schema-registry-url (or schema.registry.url in --kafka-config)");
        }
        return settings;
    }

    static long chainId(ChainClient client, String endpoint) {
        try {
            return client.chainId();
        } catch (RpcException e) {
            throw new IngestException("cannot reach the L1 node at " + endpoint + ": " + e.getMessage(), e);
        }
    }

    /**
     * The rollups of {@code registry} that settle on chain {@code chainId}, narrowed to {@code only} when given.
     *
     * @throws ConfigurationException when {@code only} names unknown rollups or rollups of another chain, or none is left
     */
    static List<RollupConfig> select(RollupRegistry registry, long chainId, List<String> only) {
        List<RollupConfig> candidates = registry.all();
        if (only != null && !only.isEmpty()) {
            Set<String> known = candidates.stream().map(RollupConfig::id).collect(Collectors.toSet());
            List<String> unknown = only.stream().filter(id -> !known.contains(id)).toList();
            if (!unknown.isEmpty()) {
                throw new ConfigurationException("--only names rollups the registry does not have: "
                        + String.join(", ", unknown) + " (known: " + String.join(", ", known.stream().sorted().toList())
                        + ")");
            }
            candidates = candidates.stream().filter(r -> only.contains(r.id())).toList();
            List<String> elsewhere = candidates.stream().filter(r -> r.l1ChainId() != chainId)
                    .map(r -> r.id() + " (chain " + r.l1ChainId() + ")").toList();
            if (!elsewhere.isEmpty()) {
                throw new ConfigurationException("the node is on chain " + chainId + " but --only names rollups of "
                        + "another chain: " + String.join(", ", elsewhere));
            }
        }
        List<RollupConfig> onChain = candidates.stream().filter(r -> r.l1ChainId() == chainId).toList();
        if (onChain.isEmpty()) {
            throw new ConfigurationException("no rollup in the registry settles on chain " + chainId + " (the node's); "
                    + "add them with --rollups FILE (l1ChainId: " + chainId + ")");
        }
        return onChain;
    }

    private IngestSink sink(KafkaClientSettings kafka, long chainId) throws IOException {
        if (out != null) {
            return FileIngestSink.create(out);
        }
        return kafkaSink(kafka.without(AvroSerdeConfig.keys()).toClientProperties(),
                kafka.select(AvroSerdeConfig.keys()), Topics.from(TopicSettings.defaults().withPrefix(prefix)), chainId,
                ingesterId);
    }

    /** The transactional sink of ingester {@code ingesterId}, from Kafka client settings that may hold other keys. */
    static KafkaIngestSink kafkaSink(Map<String, Object> clientSettings, Map<String, Object> serdeConfig, Topics topics,
                                     long chainId, String ingesterId) {
        Map<String, Object> client = new HashMap<>(clientSettings);
        Set<String> known = new HashSet<>(ProducerConfig.configNames());
        known.addAll(ConsumerConfig.configNames());
        client.keySet().retainAll(known);
        // The consumer that reads the cursor and the producer share the security settings; each ignores the other's keys.
        client.keySet().removeAll(Arrays.asList(ConsumerConfig.GROUP_ID_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG));
        return KafkaIngestSink.create(client, topics, serdeConfig, chainId, ingesterId);
    }

    private void stopAndWait() {
        Ingester ingester = running.get();
        if (ingester != null) {
            ingester.stop();
        }
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
