package io.l2risk.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.DaMethod;
import io.l2risk.avro.DaObservation;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.tuweni.bytes.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Blob;
import org.web3j.crypto.BlobUtils;

/**
 * Fetches a blob batch's blobs from a beacon node and checks each against its versioned hash: the
 * beacon API's {@code GET /eth/v1/beacon/blobs/{block_id}?versioned_hashes=...} (ethereum/beacon-APIs
 * getBlobs, added for Fulu in PR #546; the older {@code blob_sidecars} endpoint is deprecated and removed
 * by PR #577). The block id is the slot of the batch's L1 block, {@code (timestamp - genesis_time) /
 * SECONDS_PER_SLOT} from {@code /eth/v1/beacon/genesis} and {@code /eth/v1/config/spec}. Each returned
 * blob's KZG commitment is computed and turned into its versioned hash ({@code 0x01 ||
 * sha256(commitment)[1:]}, EIP-4844), so a node returning the wrong data counts as unavailable.
 *
 * <p>A blob is reported unavailable only when the beacon node answered without it. When the node
 * itself fails (I/O, 5xx, timeout) nothing is reported — that is the monitor's outage, not the
 * rollup's — and a warning is logged. Blobs older than the retention window are pruned by every
 * beacon node after about 18 days, so batches older than {@code retention} are not checked.
 */
public final class BeaconBlobChecker implements BlobChecker {

    private static final Logger LOG = LoggerFactory.getLogger(BeaconBlobChecker.class);
    private static final long DEFAULT_SECONDS_PER_SLOT = 12;

    private final String baseUrl;
    private final String endpoint;
    private final Duration timeout;
    private final Duration retention;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private Long genesisTime;
    private long secondsPerSlot = DEFAULT_SECONDS_PER_SLOT;

    /**
     * @param beaconUrl the beacon node's REST API base URL; an API key in it is never logged
     * @param timeout   limit of one request
     * @param retention how far back blobs are still served (4096 epochs on mainnet)
     */
    public BeaconBlobChecker(String beaconUrl, Duration timeout, Duration retention) {
        this.baseUrl = Objects.requireNonNull(beaconUrl, "beaconUrl").replaceAll("/+$", "");
        this.endpoint = RpcUrls.redact(beaconUrl);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public List<DaObservation> check(BatchPosted batch, long l1TimeMillis) {
        List<String> hashes = batch.getBlobVersionedHashes().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        Instant blockTime = batch.getSource().getBlockTime();
        if (hashes.isEmpty() || blockTime.plus(retention).isBefore(Instant.ofEpochMilli(l1TimeMillis))) {
            return List.of();
        }
        long started = System.nanoTime();
        Set<String> found;
        String error = null;
        long slot;
        try {
            slot = slot(blockTime.getEpochSecond());
            String slotBlobs = "/eth/v1/beacon/blobs/" + slot;
            HttpResponse<String> response = get(slotBlobs + "?" + hashes.stream()
                    .map(h -> "versioned_hashes=" + URLEncoder.encode(h, StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&")));
            found = response.statusCode() == 200 ? versionedHashes(json.readTree(response.body()).path("data"))
                    : Set.of();
            if (!found.containsAll(hashes)) {
                // Before calling a blob withheld, ask for the whole slot once: nodes differ in how they answer a
                // filter naming a hash they lack (anvil refuses an unknown one with 400, and returns none of the
                // blobs when one of several is missing). The slot's blobs, checked one by one, decide.
                response = get(slotBlobs);
                if (response.statusCode() == 404) {
                    error = "the beacon node has no block or blobs for slot " + slot;
                } else if (response.statusCode() != 200) {
                    LOG.warn("blob check of {} batch {} skipped: beacon node {} answered HTTP {}",
                            batch.getRollupId(), batch.getSource().getTxHash(), endpoint, response.statusCode());
                    return List.of();
                } else {
                    found = versionedHashes(json.readTree(response.body()).path("data"));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("blob check of {} batch {} skipped: beacon node {} failed: {}", batch.getRollupId(),
                    batch.getSource().getTxHash(), endpoint, e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + RpcUrls.redact(e.getMessage())));
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        long latency = Duration.ofNanos(System.nanoTime() - started).toMillis();
        List<DaObservation> observations = new ArrayList<>();
        for (String hash : hashes) {
            boolean available = found.contains(hash);
            observations.add(DaObservation.newBuilder().setRollupId(batch.getRollupId())
                    .setSource(batch.getSource()).setBatchIndex(batch.getBatchIndex()).setReference(hash)
                    .setMethod(DaMethod.BLOB_SIDECAR).setAvailable(available).setLatencyMillis(latency)
                    .setObservedAt(Instant.ofEpochMilli(l1TimeMillis))
                    .setError(available ? null : error != null ? error
                            : "blob " + hash + " is not among those the beacon node returned for slot " + slot)
                    .build());
        }
        return observations;
    }

    private long slot(long timestamp) throws IOException, InterruptedException {
        if (genesisTime == null) {
            HttpResponse<String> genesis = get("/eth/v1/beacon/genesis");
            if (genesis.statusCode() != 200) {
                throw new IOException("GET /eth/v1/beacon/genesis answered HTTP " + genesis.statusCode());
            }
            long time = json.readTree(genesis.body()).path("data").path("genesis_time").asLong(-1);
            if (time < 0) {
                throw new IOException("/eth/v1/beacon/genesis has no data.genesis_time");
            }
            HttpResponse<String> spec = get("/eth/v1/config/spec");
            if (spec.statusCode() == 200) {
                secondsPerSlot = json.readTree(spec.body()).path("data").path("SECONDS_PER_SLOT")
                        .asLong(DEFAULT_SECONDS_PER_SLOT);
            }
            genesisTime = time;
        }
        return Math.max(0, (timestamp - genesisTime) / secondsPerSlot);
    }

    private Set<String> versionedHashes(JsonNode blobs) {
        Set<String> hashes = new HashSet<>();
        for (JsonNode blob : blobs) {
            Bytes data = Bytes.fromHexString(blob.asText());
            Bytes commitment = BlobUtils.getCommitment(new Blob(data));
            hashes.add(BlobUtils.kzgToVersionedHash(commitment).toHexString().toLowerCase(Locale.ROOT));
        }
        return hashes;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        // HttpClient has no close() before Java 21; its threads end with the JVM.
    }
}
