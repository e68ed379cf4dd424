package io.l2risk.app;

import io.l2risk.ingest.ChainClient;
import io.l2risk.ingest.IngestException;
import io.l2risk.ingest.IngestSettings;
import io.l2risk.ingest.IngestSink;
import io.l2risk.ingest.Ingester;
import io.l2risk.ingest.RpcUrls;
import io.l2risk.ingest.Web3jChainClient;
import io.l2risk.registry.RollupConfig;
import io.l2risk.registry.RollupRegistry;
import io.l2risk.topics.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code run --rpc-url}: the ingester on a background thread, writing real L1 into the ingest topics of the
 * cluster the engine reads. A failure that stops the ingester is reported to {@code onFailure}, so that
 * {@code run} exits rather than showing a risk picture that silently stopped moving.
 */
final class IngestRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestRunner.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);
    /** The {@code ingest} command's default {@code --rpc-timeout}, for the node and the beacon API. */
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(30);

    private final ChainClient client;
    private final IngestSink sink;
    private final Ingester ingester;
    private final List<RollupConfig> rollups;
    private final String endpoint;
    private final long chainId;
    private Thread thread;

    private IngestRunner(ChainClient client, IngestSink sink, Ingester ingester, List<RollupConfig> rollups,
                         String endpoint, long chainId) {
        this.client = client;
        this.sink = sink;
        this.ingester = ingester;
        this.rollups = rollups;
        this.endpoint = endpoint;
        this.chainId = chainId;
    }

    /**
     * Connects to the node, picks the registry's rollups of its chain and fences any earlier ingester with
     * the same id; nothing is read before {@link #start}.
     */
    static IngestRunner create(String rpcUrl, String beaconUrl, RollupRegistry registry, IngestSettings settings,
                               Map<String, Object> clientProperties, Map<String, Object> serdeConfig, Topics topics) {
        String endpoint = RpcUrls.redact(rpcUrl);
        ChainClient client = new Web3jChainClient(rpcUrl, RPC_TIMEOUT);
        try {
            long chainId = IngestCommand.chainId(client, endpoint);
            List<RollupConfig> rollups = IngestCommand.select(registry, chainId, List.of());
            IngestSink sink = IngestCommand.kafkaSink(clientProperties, serdeConfig, topics, chainId,
                    settings.ingesterId());
            Ingester ingester = IngestCommand.ingester(client, rollups, sink, settings, beaconUrl, RPC_TIMEOUT);
            return new IngestRunner(client, sink, ingester, rollups, endpoint, chainId);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** Starts ingesting; {@code onFailure} runs on the ingester's thread if it has to stop. */
    void start(Runnable onFailure) {
        thread = new Thread(() -> {
            try {
                ingester.run();
            } catch (IngestException | IOException e) {
                LOG.error("the L1 ingester stopped: {}", e.getMessage());
                onFailure.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.error("the L1 ingester failed", e);
                onFailure.run();
            }
        }, "l2risk-ingester");
        thread.start();
    }

    /** One line for the banner: what is ingested from where. */
    String describe() {
        return rollups.size() + " rollups of chain " + chainId + " from " + endpoint;
    }

    @Override
    public void close() throws IOException {
        ingester.stop();
        if (thread != null) {
            try {
                thread.join(JOIN_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            sink.close();
        } finally {
            client.close();
        }
    }
}
