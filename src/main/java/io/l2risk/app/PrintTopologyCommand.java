package io.l2risk.app;

import io.l2risk.config.KafkaClientSettings;
import io.l2risk.engine.EngineSettings;
import io.l2risk.engine.RiskEngine;
import io.l2risk.serde.SchemaRegistryConfig;
import io.l2risk.topics.TopicSettings;
import io.l2risk.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code print-topology}: prints Kafka Streams' description of the risk topology (sources, processors,
 * stores, sinks, with their names) without connecting to anything: the topology is built exactly as
 * {@code run} builds it, against an in-memory schema registry and a placeholder bootstrap address.
 */
@Command(name = "print-topology", mixinStandardHelpOptions = true,
        description = "Print the Kafka Streams topology (nodes, stores, topics) without connecting to Kafka.")
final class PrintTopologyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--prefix", defaultValue = TopicSettings.DEFAULT_PREFIX,
            description = "Common prefix of every topic name (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Override
    public Integer call() throws Exception {
        Path stateDir = Files.createTempDirectory("l2risk-print-topology");
        KafkaClientSettings clients = KafkaClientSettings.builder()
                // Never contacted: describing a topology opens no connection.
                .flag("--bootstrap-servers", CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092")
                .build();
        Topics topics = Topics.from(TopicSettings.defaults().withPrefix(prefix));
        RiskEngine engine = new RiskEngine(RollupProfiles.none(), EngineSettings.defaults());
        try (RiskApp app = new RiskApp(clients, RiskApp.Settings.of(stateDir,
                Map.of(SchemaRegistryConfig.URL, "mock://print-topology")), topics, engine)) {
            spec.commandLine().getOut().print(app.topology().describe());
            spec.commandLine().getOut().flush();
        } finally {
            Files.deleteIfExists(stateDir);
        }
        return 0;
    }
}
