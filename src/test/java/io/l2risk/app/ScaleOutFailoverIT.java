package io.l2risk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.l2risk.avro.AlertCategory;
import io.l2risk.avro.CategoryLevels;
import io.l2risk.avro.DeadLetter;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.RollupRiskStatus;
import io.l2risk.embedded.ApicurioRegistry;
import io.l2risk.embedded.EmbeddedKafkaCluster;
import io.l2risk.engine.EngineOutput;
import io.l2risk.engine.EngineSettings;
import io.l2risk.engine.RiskEngine;
import io.l2risk.engine.RollupEngine;
import io.l2risk.eventfile.AvroJsonLinesReader;
import io.l2risk.eventfile.AvroJsonLinesWriter;
import io.l2risk.eventfile.BadLineListener;
import io.l2risk.records.IngestRecords;
import io.l2risk.registry.RollupRegistryLoader;
import io.l2risk.serde.AvroDeserializer;
import io.l2risk.serde.AvroSerializer;
import io.l2risk.serde.SchemaRegistryConfig;
import io.l2risk.testing.EngineProcess;
import io.l2risk.testing.KafkaTestClients;
import io.l2risk.testing.TestClusters;
import io.l2risk.topics.TopicManager;
import io.l2risk.topics.TopicSettings;
import io.l2risk.topics.TopicSpec;
import io.l2risk.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 4 and design.md §7, with real brokers and real processes: "several instances with one
 * application id share the work, and standby replicas take over on failure", and "killing an
 * instance mid-stream neither duplicates nor loses alerts".
 *
 * <p>A 3-broker KRaft cluster (in this JVM, {@link TestClusters}), the real Apicurio registry, the
 * topics of design.md §3 with 6 partitions, replication factor 3 and {@code min.insync.replicas} 2.
 * Three {@code run} processes ({@link EngineProcess}) join it with one application id,
 * {@code exactly_once_v2} (the default) and {@code num.standby.replicas=1}. The event file of
 * {@link FailoverEvents} (1,916 records, six rollups, one per partition) is produced in three parts:
 * <ol>
 *   <li>the first 40%; the engines must have committed exactly the backtest's alerts for it;</li>
 *   <li>the next 35%, with one engine SIGKILLed half-way (no shutdown, an open transaction);</li>
 *   <li>right after, the group coordinator's broker is stopped, and the rest is produced.</li>
 * </ol>
 * Then the alerts topic, read with {@code read_committed}, must hold, per rollup, exactly the
 * sequence of alerts the {@code backtest} command writes for the same file and rollup registry —
 * nothing lost, nothing duplicated, same ids, levels, times, values and summaries — and the status
 * topic the same latest status per rollup as the same engine run in memory; nothing is dead-lettered.
 *
 * <p>Every instance serves the HTTP API on a free port. From the kill until every record is processed
 * again, the two survivors are asked every 200 ms for each rollup and for the list of all rollups:
 * "interactive queries keep answering during the rebalance (or answer 503 with Retry-After, never
 * wrong data)" — see {@link #checkInteractiveQueriesDuringRebalance} for what counts as right. After
 * the group is stable again at least one answer must be 200, and at the end both survivors must show
 * every rollup's state after the whole file.
 *
 * <p>The engines run with the defaults of {@code run} — among them {@code max.task.idle.ms=5000},
 * which this test showed is needed: with Kafka's 0 (and with 1 s) a heartbeat fetched from one broker
 * overtook an earlier batch still on its way from another, and the alerts differed from the backtest's.
 * One setting differs from the defaults: the ingest, alert and dead-letter topics keep records far
 * longer than 30/90 days ({@link #KEEP}), because the file's L1 times are in 2024.
 *
 * <p>The child processes' logs are kept in {@code target/failover-it/run-*}; the phase timings are
 * logged by this test.
 */
class ScaleOutFailoverIT {

    private static final Logger log = LoggerFactory.getLogger(ScaleOutFailoverIT.class);

    private static final int BROKERS = 3;
    private static final int PARTITIONS = 6;
    private static final int INSTANCES = 3;
    private static final String PREFIX = "failover.";
    private static final String APPLICATION_ID = "failover-it-engine";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /**
     * Retention of the ingest, alert and dead-letter topics. Kafka deletes by record timestamp, and these
     * records carry the file's L1 times of 2024: with the default 30 and 90 days, the first retention
     * check (30 s after a broker starts) deletes them while the test runs.
     */
    private static final Duration KEEP = Duration.ofDays(36_500);

    @TempDir
    Path dir;

    @Test
    void shouldPublishExactlyTheBacktestsAlertsWhenAnInstanceIsKilledAndABrokerIsStoppedMidStream() throws Exception {
        List<SpecificRecord> events = FailoverEvents.events();
        Path eventFile = dir.resolve("events.jsonl");
        try (AvroJsonLinesWriter<SpecificRecord> writer = AvroJsonLinesWriter.createEvents(eventFile)) {
            for (SpecificRecord event : events) {
                writer.write(event);
            }
        }
        Path rollups = Files.writeString(dir.resolve("rollups.yaml"), FailoverEvents.rollupsYaml());
        assertThat(FailoverEvents.ROLLUPS).extracting(ScaleOutFailoverIT::partitionOf)
                .as("one rollup on every partition, so every instance has work")
                .containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
        int endOfPart1 = events.size() * 40 / 100;
        int endOfPart2 = events.size() * 75 / 100;
        List<RiskAlert> backtest = backtest(eventFile, rollups);
        Reference whole = Reference.run(events, rollups);
        Reference part1 = Reference.run(events.subList(0, endOfPart1), rollups);
        assertThat(whole.alerts()).as("the reference run is the backtest").isEqualTo(backtest);
        assertThat(backtest).hasSize(81);
        assertThat(part1.alerts()).hasSize(29);

        Path logDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "failover-it")), "run-");
        log.info("failover IT: {} events, {} alerts expected, child logs in {}", events.size(), backtest.size(), logDir);
        ApicurioRegistry registry = ApicurioRegistry.builder().build();
        // The registry is another process: let it boot while this JVM starts the brokers.
        CompletableFuture<ApicurioRegistry> registryStart = CompletableFuture.supplyAsync(registry::start);
        List<EngineProcess> engines = new ArrayList<>();
        Stopwatch clock = new Stopwatch();
        // The killed instance's open transaction is aborted after its timeout (10 s, Streams' default);
        // the broker looks for such transactions every 10 s by default, every second here.
        try (registry; EmbeddedKafkaCluster kafka = TestClusters.startMultiBroker(BROKERS,
                Map.of("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000"));
             Admin admin = admin(kafka.bootstrapServers())) {
            registryStart.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Map<String, Object> serde = Map.of(SchemaRegistryConfig.URL, registry.confluentApiUrl());
            Topics topics = Topics.from(TopicSettings.defaults().withPrefix(PREFIX).withPartitions(PARTITIONS)
                    .withReplicationFactor((short) BROKERS).withIngestRetention(KEEP).withAlertsRetention(KEEP)
                    .withDlqRetention(KEEP));
            assertThat(new TopicManager(admin, KafkaTestClients.TIMEOUT).ensure(topics).matches()).isTrue();
            List<TopicPartition> ingest = partitions(topics.ingest());
            List<TopicPartition> outputs = partitions(List.of(topics.alerts(), topics.status(), topics.indicators(),
                    topics.dlq()));
            clock.lap("cluster, registry and topics");

            for (int i = 1; i <= INSTANCES; i++) {
                engines.add(startEngine("engine-" + i, kafka, registry, rollups, logDir));
            }
            engines.forEach(engine -> engine.awaitRunning(START_TIMEOUT));
            Map<String, Set<TopicPartition>> assignment = awaitStableGroup(admin, engines, ingest);
            assertThat(assignment.values()).as("every instance has a share of the partitions")
                    .allSatisfy(partitions -> assertThat(partitions).isNotEmpty());
            clock.lap("3 engines running, group stable: " + assignment);

            // Records handed to the producer so far: an answer can show no state after these.
            AtomicInteger sent = new AtomicInteger();
            try (KafkaProducer<String, SpecificRecord> producer = producer(kafka.bootstrapServers(), serde)) {
                produce(producer, topics, events.subList(0, endOfPart1), sent);
                clock.lap("part 1 produced");
                awaitCaughtUp(admin, engines, ingest, outputs);
                assertThat(perRollup(read(kafka, serde, topics.alerts(), RiskAlert.class)))
                        .as("alerts committed after part 1").isEqualTo(perRollup(part1.alerts()));
                clock.lap("part 1 (" + endOfPart1 + " events) processed, its " + part1.alerts().size()
                        + " alerts committed");

                int halfOfPart2 = (endOfPart1 + endOfPart2) / 2;
                produce(producer, topics, events.subList(endOfPart1, halfOfPart2), sent);
                EngineProcess victim = engines.get(1);
                long lag = lag(admin, ingest);
                victim.kill();
                clock.lap("SIGKILL " + victim.name() + " (owned " + assignment.get(victim.name()) + ") with " + lag
                        + " produced records not yet committed by the group");
                List<EngineProcess> survivors = survivors(engines);
                InteractiveQueries queries = new InteractiveQueries(survivors, whole, sent::get);
                try (Poller poller = new Poller(() -> checkInteractiveQueriesDuringRebalance(queries))) {
                    produce(producer, topics, events.subList(halfOfPart2, endOfPart2), sent);
                    int coordinator = admin.describeConsumerGroups(List.of(APPLICATION_ID)).describedGroups()
                            .get(APPLICATION_ID).get().coordinator().id();
                    kafka.stopBroker(coordinator);
                    clock.lap("part 2 produced; stopped broker " + coordinator + " (the group coordinator)");
                    produce(producer, topics, events.subList(endOfPart2, events.size()), sent);
                    clock.lap("part 3 produced");
                    Map<String, Set<TopicPartition>> after = awaitStableGroup(admin, survivors, ingest);
                    queries.phase("stable");
                    clock.lap("group stable again with " + after);
                    awaitCaughtUp(admin, survivors, ingest, outputs);
                    clock.lap("every record processed and committed");
                    await("an answer 200 from a survivor once the group is stable again").atMost(TIMEOUT)
                            .pollInterval(Duration.ofMillis(100))
                            .failFast("a check of the answers failed", poller::failed)
                            .until(() -> queries.tally("stable").ok() > 0);
                }
                queries.phase("final");
                await("every rollup's final state from both survivors").atMost(TIMEOUT)
                        .pollInterval(Duration.ofMillis(200)).until(() -> queries.showsFinal(whole));
                log.info("failover IT: why the survivors answered 503: {}", queries.reasons());
                clock.lap("interactive queries to the survivors checked: " + queries);
            }

            List<RiskAlert> alerts = read(kafka, serde, topics.alerts(), RiskAlert.class);
            Map<String, RollupRiskStatus> statuses = latest(read(kafka, serde, topics.status(), RollupRiskStatus.class),
                    RollupRiskStatus::getRollupId);
            List<DeadLetter> deadLetters = read(kafka, serde, topics.dlq(), DeadLetter.class);
            SoftAssertions softly = new SoftAssertions();
            Map<String, List<RiskAlert>> expected = perRollup(backtest);
            Map<String, List<RiskAlert>> actual = perRollup(alerts);
            for (String rollup : FailoverEvents.ROLLUPS) {
                softly.assertThat(actual.getOrDefault(rollup, List.of()))
                        .as("alerts of %s, read_committed (child logs in %s)", rollup, logDir)
                        .containsExactlyElementsOf(expected.get(rollup));
            }
            softly.assertThat(alerts).as("alerts in all").hasSameSizeAs(backtest);
            softly.assertThat(statuses).as("latest status per rollup").isEqualTo(whole.latestStatuses());
            softly.assertThat(deadLetters).as("dead letters").isEmpty();
            softly.assertAll();
            clock.lap("alerts, statuses and dead letters checked");

            for (EngineProcess survivor : survivors(engines)) {
                assertThat(survivor.stop(Duration.ofSeconds(60))).as("exit code of %s after SIGTERM", survivor.name())
                        .isEqualTo(143);
                // The last thing run closes, after the engine's threads have stopped within their timeout.
                // The engine may be REBALANCING when the signal comes: the first survivor to stop leaves
                // the group, so the other one is rebalancing as it stops.
                assertThat(survivor.output()).as("%s shut down cleanly", survivor.name())
                        .containsPattern("risk engine (RUNNING|REBALANCING) -> PENDING_SHUTDOWN")
                        .contains("stopping DataDirLock")
                        .doesNotContain("did not stop within");
            }
            clock.lap("survivors stopped with SIGTERM");
        } finally {
            engines.forEach(EngineProcess::close);
            log.info("failover IT timings:\n{}", clock);
        }
    }

    /**
     * The interactive-query half of issue 4: "interactive queries keep answering during the rebalance
     * (or answer 503 with Retry-After, never wrong data)". Called every 200 ms from the kill until every
     * record is processed and committed again; what it throws fails the test. One round asks both
     * survivors at once (never the killed instance) {@code GET /api/rollups/{id}} for every rollup of
     * {@link FailoverEvents#ROLLUPS} and {@code GET /api/rollups}, with a 2 s timeout. Each answer must be:
     * <ul>
     *   <li>200 with a state the requested rollup really went through: its {@code clock} is the L1
     *       time of one of the rollup's records (each record has its own), that
     *       record had already been handed to the producer when the answer arrived, and the whole
     *       answer — level, categories, last batch, state and proof times, published indicators, open
     *       alerts, out-of-order count — is what the in-memory engine shows right after that record;
     *       and the clock never goes back in successive answers of one instance to one path. At 200,
     *       {@code /api/rollups} lists every rollup of the file exactly once (each was seen in part 1),
     *       each judged the same way, for all {@value #PARTITIONS} partitions;</li>
     *   <li>or 503 with a positive {@code Retry-After}, and the body {@code {"error":"unavailable",
     *       "retryAfterSeconds":<the same>}}.</li>
     * </ul>
     * Any other status (a 404 for a rollup seen in part 1, a 500), a refused connection or any other
     * I/O error fails at once. No answer within the timeout is counted; it fails only when it persists:
     * when an instance leaves at least one request unanswered in {@value InteractiveQueries#SILENT_ROUNDS}
     * rounds in a row (6 s and more without a complete answer).
     */
    private static void checkInteractiveQueriesDuringRebalance(InteractiveQueries queries) {
        queries.round();
    }

    /**
     * The rounds of {@link #checkInteractiveQueriesDuringRebalance} and their counts per phase. One thread
     * at a time asks; {@link #phase} and {@link #tally} may be called from any.
     */
    private static final class InteractiveQueries {
        static final int SILENT_ROUNDS = 3;
        private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
        private static final Pattern STATUS_PAGE = Pattern.compile("Status page : (\\S+)");
        private static final String ROLLUPS = "/api/rollups";

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
        private final ObjectMapper json = new ObjectMapper();
        private final Map<String, URI> instances = new TreeMap<>();
        private final Map<String, Map<String, Reached>> reached;
        private final IntSupplier sent;
        /** The last clock answered, by "instance path rollup". */
        private final Map<String, Instant> lastClocks = new HashMap<>();
        private final Map<String, Integer> silentRounds = new HashMap<>();
        private final Map<String, Tally> tallies = Collections.synchronizedMap(new LinkedHashMap<>());
        private volatile Tally tally;

        /**
         * @param survivors the instances to ask, each at the status page URL its banner printed
         * @param reference the states each rollup went through
         * @param sent      how many records of the file have been handed to the producer so far
         */
        InteractiveQueries(List<EngineProcess> survivors, Reference reference, IntSupplier sent) {
            for (EngineProcess survivor : survivors) {
                Matcher page = STATUS_PAGE.matcher(survivor.output());
                assertThat(page.find()).as("%s printed its status page URL", survivor.name()).isTrue();
                instances.put(survivor.name(), URI.create(page.group(1)));
            }
            this.reached = reference.reached();
            this.sent = sent;
            phase("rebalance");
        }

        /** Counts the answers from now on under {@code name}. */
        void phase(String name) {
            Tally next = new Tally();
            tallies.put(name, next);
            tally = next;
        }

        /** The answers counted under {@code phase} so far. */
        Tally tally(String phase) {
            return tallies.getOrDefault(phase, new Tally());
        }

        /** One round; fails on an answer that breaks the rules of {@link #checkInteractiveQueriesDuringRebalance}. */
        void round() {
            ask();
        }

        /**
         * One round, which must also show, if every answer is 200, each rollup's state after the whole file
         * (its clock the rollup's last L1 time in the file; level and categories those of its last status).
         *
         * @return whether every answer was 200
         */
        boolean showsFinal(Reference whole) {
            List<Answer> answers = ask();
            if (!answers.stream().allMatch(a -> a.status() == 200)) {
                return false;
            }
            Map<String, Picture> expected = whole.finalPictures();
            Map<String, RollupRiskStatus> statuses = whole.latestStatuses();
            for (Answer answer : answers) {
                List<JsonNode> rollups = new ArrayList<>();
                if (answer.path().equals(ROLLUPS)) {
                    answer.body().path("rollups").forEach(rollups::add);
                } else {
                    rollups.add(answer.body());
                }
                for (JsonNode rollup : rollups) {
                    String id = rollup.path("rollupId").asText();
                    String what = answer.instance() + " GET " + answer.path() + ": final " + id;
                    Picture picture = Picture.of(rollup);
                    assertThat(picture).as(what).isEqualTo(expected.get(id));
                    assertThat(picture.level()).as("%s level", what).isEqualTo(statuses.get(id).getLevel().name());
                    assertThat(picture.categories()).as("%s categories", what)
                            .isEqualTo(Picture.categories(statuses.get(id).getCategoryLevels()));
                }
            }
            return true;
        }

        private List<Answer> ask() {
            Tally counts = tally;
            Map<String, Map<String, CompletableFuture<HttpResponse<String>>>> pending = new TreeMap<>();
            instances.forEach((instance, base) -> {
                Map<String, CompletableFuture<HttpResponse<String>>> requests = new LinkedHashMap<>();
                for (String rollup : FailoverEvents.ROLLUPS) {
                    requests.put(ROLLUPS + "/" + rollup, send(base, ROLLUPS + "/" + rollup));
                }
                requests.put(ROLLUPS, send(base, ROLLUPS));
                pending.put(instance, requests);
            });
            Map<String, Map<String, HttpResponse<String>>> responses = new TreeMap<>();
            pending.forEach((instance, requests) -> {
                boolean silent = false;
                for (Map.Entry<String, CompletableFuture<HttpResponse<String>>> request : requests.entrySet()) {
                    try {
                        responses.computeIfAbsent(instance, i -> new LinkedHashMap<>())
                                .put(request.getKey(), request.getValue().join());
                    } catch (CompletionException e) {
                        if (!(e.getCause() instanceof HttpTimeoutException)) {
                            throw new AssertionError(instance + " " + request.getKey() + ": no answer", e.getCause());
                        }
                        counts.noAnswer.incrementAndGet();
                        silent = true;
                    }
                }
                int rounds = silent ? silentRounds.merge(instance, 1, Integer::sum) : 0;
                silentRounds.put(instance, rounds);
                assertThat(rounds).as("rounds in a row in which %s left a request unanswered for %s", instance,
                        REQUEST_TIMEOUT).isLessThan(SILENT_ROUNDS);
            });
            // Read after every answer arrived: no answer may show a state after these records.
            int produced = sent.getAsInt();
            List<Answer> answers = new ArrayList<>();
            responses.forEach((instance, byPath) -> byPath.forEach((path, response) ->
                    answers.add(judge(instance, path, response, produced, counts))));
            return answers;
        }

        private CompletableFuture<HttpResponse<String>> send(URI base, String path) {
            return http.sendAsync(HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        private Answer judge(String instance, String path, HttpResponse<String> response, int produced, Tally counts) {
            String what = instance + " GET " + path;
            JsonNode body;
            try {
                body = json.readTree(response.body());
            } catch (IOException e) {
                throw new AssertionError(what + " answered " + response.statusCode() + " with no JSON: "
                        + response.body(), e);
            }
            switch (response.statusCode()) {
                case 200 -> {
                    counts.ok.incrementAndGet();
                    if (path.equals(ROLLUPS)) {
                        assertThat(body.path("partitions").asInt()).as("%s: partitions", what).isEqualTo(PARTITIONS);
                        List<String> ids = new ArrayList<>();
                        body.path("rollups").forEach(rollup -> ids.add(rollup.path("rollupId").asText()));
                        assertThat(ids).as("%s: every rollup once, by id", what)
                                .containsExactlyElementsOf(new TreeSet<>(FailoverEvents.ROLLUPS));
                        body.path("rollups").forEach(rollup -> judgeRollup(what, rollup.path("rollupId").asText(),
                                rollup, produced));
                    } else {
                        judgeRollup(what, path.substring(ROLLUPS.length() + 1), body, produced);
                    }
                }
                case 503 -> {
                    counts.unavailable.incrementAndGet();
                    counts.reasons.merge(body.path("message").asText().replaceAll("[0-9.:]+", "#"), 1, Integer::sum);
                    Optional<String> retryAfter = response.headers().firstValue("Retry-After");
                    assertThat(retryAfter).as("%s: Retry-After of a 503 (%s)", what, body).isPresent();
                    assertThat(Integer.parseInt(retryAfter.get())).as("%s: Retry-After", what).isPositive();
                    assertThat(body.path("error").asText()).as("%s: error of a 503", what).isEqualTo("unavailable");
                    assertThat(body.path("retryAfterSeconds").asText()).as("%s: retryAfterSeconds", what)
                            .isEqualTo(retryAfter.get());
                }
                default -> throw new AssertionError(what + " answered " + response.statusCode() + ": " + body);
            }
            return new Answer(instance, path, response.statusCode(), body);
        }

        private void judgeRollup(String what, String rollupId, JsonNode rollup, int produced) {
            assertThat(rollup.path("rollupId").asText()).as("%s: rollupId", what).isEqualTo(rollupId);
            Picture picture = Picture.of(rollup);
            Reached state = reached.get(rollupId).get(picture.clock());
            assertThat(state).as("%s: %s at clock %s, the L1 time of none of its records", what, rollupId,
                    picture.clock()).isNotNull();
            assertThat(state.events()).as("%s: %s at clock %s, the state after record %d of the file, of which %d "
                    + "had been produced", what, rollupId, picture.clock(), state.events(), produced)
                    .isLessThanOrEqualTo(produced);
            assertThat(picture).as("%s: %s at clock %s", what, rollupId, picture.clock()).isEqualTo(state.picture());
            Instant clock = Instant.parse(picture.clock());
            Instant before = lastClocks.put(what + " " + rollupId, clock);
            if (before != null) {
                assertThat(clock).as("%s: clock of %s after an answer at %s", what, rollupId, before)
                        .isAfterOrEqualTo(before);
            }
        }

        /** The messages of the 503 answers (numbers replaced by #), with their counts, per phase. */
        String reasons() {
            synchronized (tallies) {
                return tallies.entrySet().stream().map(e -> e.getKey() + " " + new TreeMap<>(e.getValue().reasons))
                        .collect(Collectors.joining("; "));
            }
        }

        @Override
        public String toString() {
            synchronized (tallies) {
                return tallies.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining("; "));
            }
        }

        /** One judged answer. */
        private record Answer(String instance, String path, int status, JsonNode body) {
        }

        /** Answers of one phase: 200, 503 (and why), none within the timeout. */
        private static final class Tally {
            private final AtomicInteger ok = new AtomicInteger();
            private final AtomicInteger unavailable = new AtomicInteger();
            private final AtomicInteger noAnswer = new AtomicInteger();
            private final Map<String, Integer> reasons = new ConcurrentHashMap<>();

            int ok() {
                return ok.get();
            }

            @Override
            public String toString() {
                return "200 x " + ok + ", 503 x " + unavailable + ", no answer in time x " + noAnswer;
            }
        }
    }

    private EngineProcess startEngine(String name, EmbeddedKafkaCluster kafka, ApicurioRegistry registry, Path rollups,
                                      Path logDir) throws IOException {
        // client.id names the instance in the consumer group (<client.id>-StreamThread-1-consumer).
        Path config = Files.writeString(dir.resolve(name + ".properties"), String.join("\n",
                "application.id=" + APPLICATION_ID,
                "client.id=" + name,
                "num.standby.replicas=1",
                "commit.interval.ms=100",
                // A killed instance leaves the group after 6 s instead of the default 45 s.
                "session.timeout.ms=6000",
                "heartbeat.interval.ms=1500",
                ""));
        return EngineProcess.builder(name, logDir)
                .args("run", "--bootstrap-servers", kafka.bootstrapServers(),
                        "--schema-registry-url", registry.confluentApiUrl(),
                        "--kafka-config", config.toString(),
                        "--data-dir", dir.resolve(name).toString(),
                        "--prefix", PREFIX,
                        "--rollups", rollups.toString(),
                        "--http-port", "0",
                        // The default in join mode is the machine's host name, which need not resolve to loopback.
                        "--advertised-host", "127.0.0.1")
                .start();
    }

    /** The {@code backtest} command's alerts for the file, run in-process. */
    private List<RiskAlert> backtest(Path events, Path rollups) throws IOException {
        Path out = dir.resolve("backtest-alerts.jsonl");
        StringWriter output = new StringWriter();
        int exit = Main.commandLine(Map.of()).setOut(new PrintWriter(output)).setErr(new PrintWriter(output))
                .execute("backtest", "--events", events.toString(), "--out", out.toString(),
                        "--rollups", rollups.toString());
        assertThat(exit).as(output.toString()).isZero();
        List<RiskAlert> alerts = new ArrayList<>();
        try (AvroJsonLinesReader<RiskAlert> reader = AvroJsonLinesReader.openAlerts(out, BadLineListener.failOnInvalid())) {
            RiskAlert alert;
            while ((alert = reader.next()) != null) {
                alerts.add(alert);
            }
        }
        return alerts;
    }

    /**
     * The engine over a list of records in memory, with the same calls in the same order as
     * {@link io.l2risk.backtest.Backtest} (validate, one engine per rollup, process) — so its alerts
     * are the backtest's — keeping what the backtest does not report: every status of each rollup,
     * and what the API shows of each rollup after each of its records.
     *
     * @param reached per rollup, by its clock after a record (an ISO-8601 L1 time; a rollup's records
     *                have strictly increasing L1 times, so each clock is that of exactly one record),
     *                how many records of the file had been processed then and the rollup's state
     */
    private record Reference(List<RiskAlert> alerts, Map<String, List<RollupRiskStatus>> statuses,
                             Map<String, Map<String, Reached>> reached) {

        static Reference run(List<SpecificRecord> events, Path rollups) {
            RiskEngine engine = new RiskEngine(RollupProfiles.of(RollupRegistryLoader.loadBundledPlus(rollups)),
                    EngineSettings.defaults());
            // Validation only checks that records are not ahead of the wall clock: the file's end will do.
            long wallMillis = FailoverEvents.T0.plus(Duration.ofMinutes(FailoverEvents.MINUTES)).toEpochMilli();
            Map<String, RollupEngine> engines = new HashMap<>();
            List<RiskAlert> alerts = new ArrayList<>();
            Map<String, List<RollupRiskStatus>> statuses = new TreeMap<>();
            Map<String, Map<String, Reached>> reached = new TreeMap<>();
            for (int i = 0; i < events.size(); i++) {
                SpecificRecord event = events.get(i);
                assertThat(engine.validate(event, wallMillis)).as("%s", event).isEmpty();
                RollupEngine rollup = engines.computeIfAbsent(IngestRecords.rollupId(event), engine::newRollup);
                EngineOutput output = engine.process(rollup, event);
                alerts.addAll(output.alerts());
                Optional.ofNullable(output.status()).ifPresent(status ->
                        statuses.computeIfAbsent(status.getRollupId(), id -> new ArrayList<>()).add(status));
                Picture picture = Picture.of(rollup);
                Reached previous = reached.computeIfAbsent(rollup.rollupId(), id -> new HashMap<>())
                        .put(picture.clock(), new Reached(i + 1, picture));
                assertThat(previous).as("another record of %s at %s: its clock would not name one state",
                        rollup.rollupId(), picture.clock()).isNull();
            }
            return new Reference(alerts, statuses, reached);
        }

        Map<String, RollupRiskStatus> latestStatuses() {
            Map<String, RollupRiskStatus> latest = new TreeMap<>();
            statuses.forEach((rollup, all) -> latest.put(rollup, all.get(all.size() - 1)));
            return latest;
        }

        /** Each rollup's state after the whole file. */
        Map<String, Picture> finalPictures() {
            Map<String, Picture> last = new TreeMap<>();
            reached.forEach((rollup, byClock) -> last.put(rollup, byClock.values().stream()
                    .max(Comparator.comparingInt(Reached::events)).orElseThrow().picture()));
            return last;
        }
    }

    /** A rollup's state after the {@code events}-th record of the file (one of that rollup). */
    private record Reached(int events, Picture picture) {
    }

    /**
     * What {@code GET /api/rollups/{id}} shows of a rollup's state, in a form built alike from the
     * engine and from the JSON answer: everything but the gaps (derived from the clock and the last
     * times) and the categories of indicators and alerts (derived from the indicator). Times are
     * ISO-8601 strings, numbers {@link Double#toString} or "null" (not finite).
     *
     * @param indicators each published indicator, in the engine's order: kind, level, value, threshold, time
     * @param openAlerts each open alert, sorted: id, severity, max severity, opened at, clearing, summary
     */
    private record Picture(String clock, String level, Map<String, String> categories, String lastBatchAt,
                           String lastStateAt, String lastProofAt, List<String> indicators, List<String> openAlerts,
                           long outOfOrderRecords) {

        static Picture of(RollupEngine rollup) {
            RollupRiskStatus status = rollup.currentStatus();
            List<String> indicators = rollup.indicatorLevels().stream().map(i -> String.join(" ", i.kind().name(),
                    i.level().name(), number(i.value()), number(i.threshold()), time(i.publishedAt()))).toList();
            List<String> alerts = rollup.openAlerts().stream().map(a -> String.join(" ", a.alertId(),
                    a.severity().name(), a.maxSeverity().name(), time(a.openedAt()),
                    Boolean.toString(a.okSince() != null), a.summary())).sorted().toList();
            return new Picture(time(rollup.clock()), status.getLevel().name(), categories(status.getCategoryLevels()),
                    time(status.getLastBatchAt()), time(status.getLastStateAt()), time(status.getLastProofAt()),
                    indicators, alerts, rollup.outOfOrderRecords());
        }

        static Picture of(JsonNode rollup) {
            Map<String, String> categories = new TreeMap<>();
            rollup.path("categories").fields().forEachRemaining(c -> categories.put(c.getKey(), c.getValue().asText()));
            List<String> indicators = new ArrayList<>();
            rollup.path("indicators").forEach(i -> indicators.add(String.join(" ", i.path("indicator").asText(),
                    i.path("level").asText(), number(i.path("value")), number(i.path("threshold")),
                    time(i.path("publishedAt")))));
            List<String> alerts = new ArrayList<>();
            rollup.path("openAlerts").forEach(a -> alerts.add(String.join(" ", a.path("alertId").asText(),
                    a.path("severity").asText(), a.path("maxSeverity").asText(), time(a.path("openedAt")),
                    a.path("clearing").asText(), a.path("summary").asText())));
            alerts.sort(Comparator.naturalOrder());
            return new Picture(time(rollup.path("clock")), rollup.path("level").asText(), categories,
                    time(rollup.path("lastBatchAt")), time(rollup.path("lastStateAt")),
                    time(rollup.path("lastProofAt")), indicators, alerts, rollup.path("outOfOrderRecords").asLong(-1));
        }

        /** The level of each category, by its name. */
        static Map<String, String> categories(CategoryLevels levels) {
            return new TreeMap<>(Map.of(
                    AlertCategory.LIVENESS.name(), levels.getLiveness().name(),
                    AlertCategory.DATA_AVAILABILITY.name(), levels.getDataAvailability().name(),
                    AlertCategory.STATE_VALIDATION.name(), levels.getStateValidation().name(),
                    AlertCategory.BRIDGE.name(), levels.getBridge().name(),
                    AlertCategory.GOVERNANCE.name(), levels.getGovernance().name(),
                    AlertCategory.MONITOR.name(), levels.getMonitor().name()));
        }

        private static String time(Instant time) {
            return time == null ? null : time.toString();
        }

        private static String time(JsonNode time) {
            return time.isNull() ? null
                    : time.isTextual() ? Instant.parse(time.asText()).toString() : "not a time: " + time;
        }

        private static String number(double value) {
            return Double.isFinite(value) ? Double.toString(value) : "null";
        }

        private static String number(JsonNode value) {
            return value.isNull() ? "null"
                    : value.isNumber() ? Double.toString(value.doubleValue()) : "not a number: " + value;
        }
    }

    /**
     * Produces {@code events} to their ingest topics (key rollupId, timestamp = L1 time), as
     * EventReplayer does, and returns once all are acknowledged by every in-sync replica.
     *
     * <p>The engine merges a partition's five ingest topics by record timestamp, but only among records
     * it has fetched: it cannot wait for one that is still in a producer's buffer, and would process a
     * rollup's later batch before its earlier heartbeat. The file order of each rollup across topics is
     * part of what is compared with the backtest, so before a rollup's record goes to another topic
     * than its previous one, everything sent so far is flushed to the brokers.
     *
     * <p>{@code sent} is incremented before each record is handed to the producer.
     */
    private static void produce(KafkaProducer<String, SpecificRecord> producer, Topics topics,
                                List<SpecificRecord> events, AtomicInteger sent) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        Map<String, String> unflushedTopicOf = new HashMap<>();
        for (SpecificRecord event : events) {
            String topic = topics.ingestTopicFor(event.getClass()).name();
            String rollup = IngestRecords.rollupId(event);
            String previous = unflushedTopicOf.put(rollup, topic);
            if (previous != null && !previous.equals(topic)) {
                producer.flush();
                unflushedTopicOf.clear();
                unflushedTopicOf.put(rollup, topic);
            }
            sent.incrementAndGet();
            producer.send(new ProducerRecord<>(topic, null, IngestRecords.eventTime(event).toEpochMilli(), rollup, event),
                    (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                    });
        }
        producer.flush();
        assertThat(failure.get()).as("a send failed").isNull();
    }

    private static KafkaProducer<String, SpecificRecord> producer(String bootstrapServers, Map<String, Object> serde) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "failover-it-feeder");
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();
        serializer.configure(serde, false);
        return new KafkaProducer<>(props, new StringSerializer(), serializer);
    }

    /**
     * Waits until the application's group is stable with one member per engine, their assignments
     * cover every ingest partition and every engine's Streams state is RUNNING again; returns each
     * member's partitions by instance name.
     */
    private static Map<String, Set<TopicPartition>> awaitStableGroup(Admin admin, List<EngineProcess> engines,
                                                                     List<TopicPartition> ingest) {
        AtomicReference<Map<String, Set<TopicPartition>>> assignment = new AtomicReference<>();
        await("group " + APPLICATION_ID + " stable with " + engines.stream().map(EngineProcess::name).toList()
                + ", each RUNNING").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .failFast("an engine's Streams client stopped", () -> stopped(engines)).until(() -> {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(APPLICATION_ID)).describedGroups()
                    .get(APPLICATION_ID).get();
            Map<String, Set<TopicPartition>> byInstance = new TreeMap<>();
            for (MemberDescription member : group.members()) {
                // <client.id>-StreamThread-1-consumer
                String instance = member.clientId().substring(0, member.clientId().indexOf("-StreamThread-"));
                byInstance.computeIfAbsent(instance, i -> new TreeSet<>(ScaleOutFailoverIT::compare))
                        .addAll(member.assignment().topicPartitions());
            }
            assignment.set(byInstance);
            Set<TopicPartition> covered = byInstance.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
            return group.groupState() == GroupState.STABLE
                    && byInstance.keySet().equals(engines.stream().map(EngineProcess::name).collect(Collectors.toSet()))
                    && covered.containsAll(ingest) && engines.stream().allMatch(e -> lastState(e).equals("RUNNING"));
        });
        return assignment.get();
    }

    /**
     * Waits until the group has committed every ingest record produced and no transaction is open on
     * the output topics — a killed instance's is aborted by the broker after its timeout — so that a
     * {@code read_committed} reader sees everything the engines will ever write for these records.
     */
    private static void awaitCaughtUp(Admin admin, List<EngineProcess> engines, List<TopicPartition> ingest,
                                      List<TopicPartition> outputs) {
        await("every ingest record committed, no transaction open on the outputs").atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .failFast("an engine's Streams client stopped", () -> stopped(engines))
                .until(() -> lag(admin, ingest) == 0 && endOffsets(admin, outputs, IsolationLevel.READ_COMMITTED)
                        .equals(endOffsets(admin, outputs, IsolationLevel.READ_UNCOMMITTED)));
    }

    /** Ingest records produced but not yet committed by the application's group. */
    private static long lag(Admin admin, List<TopicPartition> ingest) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APPLICATION_ID)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> ends = endOffsets(admin, ingest, IsolationLevel.READ_UNCOMMITTED);
        return ends.entrySet().stream().mapToLong(end -> end.getValue()
                - Optional.ofNullable(committed.get(end.getKey())).map(OffsetAndMetadata::offset).orElse(0L)).sum();
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, List<TopicPartition> partitions,
                                                        IsolationLevel isolation)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        return admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Every value of {@code topic} from the beginning to its end, {@code read_committed}. */
    private static <V extends SpecificRecord> List<V> read(EmbeddedKafkaCluster kafka, Map<String, Object> serde,
                                                           TopicSpec<?> topic, Class<V> type) {
        AvroDeserializer<V> values = new AvroDeserializer<>(type);
        values.configure(serde, false);
        List<V> records = new ArrayList<>();
        for (ConsumerRecord<String, V> record : KafkaTestClients.readCommitted(kafka.clientProperties(), topic.name(),
                values)) {
            assertThat(record.key()).as("key of %s", record.value()).isEqualTo(rollupIdOf(record.value()));
            records.add(record.value());
        }
        return records;
    }

    /** The Streams state the engine last changed to (RiskApp logs each change), or "" before the first. */
    private static String lastState(EngineProcess engine) {
        List<String> changes = engine.output().lines().filter(line -> line.contains(" i.l.a.RiskApp - risk engine "))
                .toList();
        return changes.isEmpty() ? "" : changes.get(changes.size() - 1).replaceAll(".*-> ", "");
    }

    /** Whether an engine died or its Streams client gave up (ERROR): the process may stay alive then. */
    private static boolean stopped(List<EngineProcess> engines) {
        return engines.stream().anyMatch(e -> !e.isAlive() || lastState(e).endsWith("ERROR"));
    }

    private static String rollupIdOf(SpecificRecord record) {
        if (record instanceof RiskAlert alert) {
            return alert.getRollupId();
        }
        if (record instanceof RollupRiskStatus status) {
            return status.getRollupId();
        }
        DeadLetter letter = (DeadLetter) record;
        return letter.getKey() == null ? null : StandardCharsets.UTF_8.decode(letter.getKey().duplicate()).toString();
    }

    private static Map<String, List<RiskAlert>> perRollup(List<RiskAlert> alerts) {
        return alerts.stream().collect(Collectors.groupingBy(RiskAlert::getRollupId, TreeMap::new, Collectors.toList()));
    }

    private static <V> Map<String, V> latest(List<V> values, Function<V, String> key) {
        Map<String, V> latest = new TreeMap<>();
        values.forEach(value -> latest.put(key.apply(value), value));
        return latest;
    }

    private static List<TopicPartition> partitions(List<? extends TopicSpec<?>> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicSpec<?> topic : topics) {
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic.name(), p));
            }
        }
        return partitions;
    }

    /** The partition Kafka's default partitioner gives a record keyed {@code rollupId}. */
    private static int partitionOf(String rollupId) {
        return Utils.toPositive(Utils.murmur2(rollupId.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static int compare(TopicPartition a, TopicPartition b) {
        int byTopic = a.topic().compareTo(b.topic());
        return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
    }

    private static List<EngineProcess> survivors(List<EngineProcess> engines) {
        return engines.stream().filter(EngineProcess::isAlive).toList();
    }

    private static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    /** Runs {@code check} every 200 ms on a thread of its own until closed; {@link #close} fails with its first failure. */
    private static final class Poller implements AutoCloseable {
        private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Poller(Runnable check) {
            executor.scheduleWithFixedDelay(() -> {
                try {
                    check.run();
                } catch (RuntimeException | AssertionError e) {
                    failure.compareAndSet(null, e);
                }
            }, 0, 200, TimeUnit.MILLISECONDS);
        }

        /** Whether a check has failed (then {@link #close} throws). */
        boolean failed() {
            return failure.get() != null;
        }

        @Override
        public void close() throws InterruptedException {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).as("poller stopped").isTrue();
            if (failure.get() != null) {
                throw new AssertionError("check during the rebalance failed", failure.get());
            }
        }
    }

    /** Elapsed time of each phase, for the log (a failover that takes too long shows here first). */
    private static final class Stopwatch {
        private final long start = System.nanoTime();
        private long last = start;
        private final Map<String, Long> laps = new LinkedHashMap<>();

        void lap(String phase) {
            long now = System.nanoTime();
            laps.put(phase, now - last);
            last = now;
            log.info("failover IT: {} after {} ms ({} ms in all)", phase, TimeUnit.NANOSECONDS.toMillis(laps.get(phase)),
                    TimeUnit.NANOSECONDS.toMillis(now - start));
        }

        @Override
        public String toString() {
            return laps.entrySet().stream().map(e -> String.format("  %7d ms  %s", TimeUnit.NANOSECONDS.toMillis(
                    e.getValue()), e.getKey())).collect(Collectors.joining("\n"))
                    + String.format("%n  %7d ms  in all", TimeUnit.NANOSECONDS.toMillis(last - start));
        }
    }
}
