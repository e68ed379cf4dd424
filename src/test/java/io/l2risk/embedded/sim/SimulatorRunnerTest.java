package io.l2risk.embedded.sim;

import static io.l2risk.embedded.sim.SimRuns.BUNDLED;
import static io.l2risk.embedded.sim.SimRuns.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.records.IngestRecords;
import io.l2risk.registry.RollupRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pacing, resuming and stopping of {@link SimulatorRunner}. Wall-clock time is a fake clock that only
 * the runner's sleeps move forward, so a test of two minutes of pacing takes milliseconds; the sleeper
 * parks the runner once the fake clock reaches the test's horizon, until the test lets it go.
 */
class SimulatorRunnerTest {

    private static final Duration SHORT_HISTORY = Duration.ofHours(6);

    @TempDir
    Path dir;

    private final List<SimulatorRunner> runners = new ArrayList<>();

    @AfterEach
    void closeRunners() {
        runners.forEach(SimulatorRunner::close);
    }

    @Test
    void shouldReleaseTheFirstIncidentAfterTheExpectedWallDelayAtSpeed60() {
        FakeWall wall = new FakeWall(START, START.plusSeconds(40));
        MemorySink sink = new MemorySink(wall);
        SimulatorRunner runner = runner(BUNDLED, settings(), sink, wall, null);

        runner.start();
        wall.awaitHorizon();

        List<Sent> sent = sink.sent();
        Instant windowStart = START.minus(SimulatorSettings.DEFAULT_WINDOW);
        // The warm-up goes out at once; from the window on, one L1 minute per wall second.
        assertThat(sent).filteredOn(s -> s.time().isBefore(windowStart)).isNotEmpty()
                .allSatisfy(s -> assertThat(s.wall()).isEqualTo(START));
        Sent upgrade = sent.stream().filter(s -> s.record() instanceof BridgeEvent b
                && b.getKind() == BridgeEventKind.CONTRACT_UPGRADED).findFirst().orElseThrow();
        // PROXY_UPGRADE is 25 minutes into the window; its block is the next 12-second slot (0.2 s at 60x).
        assertThat(Duration.between(START, upgrade.wall())).isBetween(Duration.ofSeconds(25), Duration.ofMillis(25_200));
        assertThat(Duration.between(windowStart, upgrade.time())).isBetween(Duration.ofMinutes(25),
                Duration.ofMinutes(25).plusSeconds(12));
        assertThat(sent).allSatisfy(s -> {
            assertThat(s.wall()).isAfterOrEqualTo(s.time().plus(SimulatorRunner.INGEST_LAG));
            assertThat(s.wall()).isAfterOrEqualTo(START.plusMillis(Math.max(0,
                    Duration.between(windowStart, s.time()).toMillis() / 60)));
        });
        assertThat(runner.stats().phase()).isEqualTo(SimulatorRunner.Phase.REPLAY);
        // 40 L1 minutes in: the stuck queue (+10m), the stall (+15m), the upgrade (+25m) and the DAC loss (+30m).
        assertThat(runner.stats().incidentsStarted()).isEqualTo(4);
    }

    @Test
    void shouldFollowTheWallClockOnceSimulatedTimeHasCaughtUp() {
        FakeWall wall = new FakeWall(START, START.plusSeconds(200));
        MemorySink sink = new MemorySink(wall);
        SimulatorRunner runner = runner(SimRuns.only("base"), settings(), sink, wall, null);

        runner.start();
        wall.awaitHorizon();

        // The 2-hour window takes 120 s at 60x; simulated time is then 2 minutes behind the wall clock and
        // catches up at 60x in about two more seconds (L1 12:02:02), then follows it, two blocks behind.
        List<Sent> live = sink.sent().stream().filter(s -> s.time().isAfter(START.plusSeconds(125))).toList();
        assertThat(live).isNotEmpty().allSatisfy(s ->
                assertThat(s.wall()).isEqualTo(s.time().plus(SimulatorRunner.INGEST_LAG)));
        assertThat(runner.stats().phase()).isEqualTo(SimulatorRunner.Phase.LIVE);
        assertThat(runner.stats().simulatedTime()).isAfter(START.plusSeconds(120));
    }

    @Test
    void shouldResumeFromItsCursorWithoutRepeatingOrSkippingRecords() throws IOException {
        RollupRegistry registry = SimRuns.only("base", "arbitrum-nova", "scroll");
        // First run: stopped 30 s into the replay (30 L1 minutes into the window).
        FakeWall firstWall = new FakeWall(START, START.plusSeconds(30));
        MemorySink first = new MemorySink(firstWall);
        SimulatorRunner before = runner(registry, settings(), first, firstWall, dir);
        before.start();
        firstWall.awaitHorizon();
        firstWall.release();
        before.close();
        SimulatorCursor cursor = SimulatorCursor.read(dir).orElseThrow();
        assertThat(cursor.records()).isEqualTo(first.records().size());
        assertThat(cursor.lastTime()).isEqualTo(IngestRecords.eventTime(first.records().get(first.records().size() - 1)));
        // Second run, five minutes later, asked for another seed: the cursor's run goes on, caught up at 60x.
        FakeWall secondWall = new FakeWall(START.plusSeconds(330), START.plusSeconds(460));
        MemorySink second = new MemorySink(secondWall);
        SimulatorRunner after = runner(registry, settings().withSeed(99), second, secondWall, dir);
        after.start();
        secondWall.awaitHorizon();

        List<SpecificRecord> delivered = new ArrayList<>(first.records());
        delivered.addAll(second.records());
        List<SpecificRecord> reference = SimRuns.records(registry, settings().withStart(START),
                Scenario.defaultIncidents().restrictedTo(registry), START.plusSeconds(600));
        assertThat(first.records()).hasSizeGreaterThan(1000);
        assertThat(second.records()).hasSizeGreaterThan(100);
        assertThat(delivered).isEqualTo(reference.subList(0, delivered.size()));
        // Of the 4 incidents of these rollups only the stall (+15m) came before the cursor; the DAC loss (+30m),
        // the fallback (+55m) and the revert (+65m) came after it and were played by the second run.
        assertThat(before.stats().incidentsStarted()).isEqualTo(1);
        assertThat(after.stats().incidentsStarted()).isEqualTo(4);
    }

    @Test
    void shouldStopPromptlyAndSaveItsCursorWhenClosed() {
        MemorySink sink = new MemorySink(InstantSource.system());
        // Real clock and real sleeping: a window ending now is replayed at 60x, so the runner is waiting.
        SimulatorRunner runner = SimulatorRunner.builder(SimRuns.only("base"), sink)
                .settings(SimulatorSettings.defaults().withHistory(Duration.ofHours(1)))
                .stateDir(dir).build();
        runners.add(runner);
        runner.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> runner.stats().phase() == SimulatorRunner.Phase.REPLAY);

        long begin = System.nanoTime();
        runner.close();

        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(2));
        assertThat(runner.stats().phase()).isEqualTo(SimulatorRunner.Phase.STOPPED);
        assertThat(sink.closed).isTrue();
        assertThat(sink.flushedRecords).isEqualTo(sink.records().size());
    }

    @Test
    void shouldReportAFailingSinkAndStop() {
        FakeWall wall = new FakeWall(START, START.plusSeconds(10));
        EventSink broken = new EventSink() {
            @Override
            public void send(SpecificRecord record) throws IOException {
                throw new IOException("broker unreachable");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        SimulatorRunner runner = runner(SimRuns.only("base"), settings(), broken, wall, null);

        runner.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> runner.stats().phase() == SimulatorRunner.Phase.FAILED);

        assertThat(runner.stats().failure()).isEqualTo("broker unreachable");
        assertThat(runner.stats().records()).isZero();
    }

    // --- fixtures ---------------------------------------------------------------------------------------

    private static SimulatorSettings settings() {
        return SimulatorSettings.defaults().withHistory(SHORT_HISTORY);
    }

    private SimulatorRunner runner(RollupRegistry registry, SimulatorSettings settings, EventSink sink, FakeWall wall,
                                   Path stateDir) {
        SimulatorRunner runner = SimulatorRunner.builder(registry, sink).settings(settings).stateDir(stateDir)
                .clock(wall).sleeper(wall).build();
        runners.add(runner);
        return runner;
    }

    /** What the sink received and when (fake wall time). */
    private record Sent(SpecificRecord record, Instant time, Instant wall) {
    }

    /** Keeps what it receives; thread-safe for the test thread reading while the runner writes. */
    private static final class MemorySink implements EventSink {
        private final InstantSource wall;
        private final List<Sent> sent = new ArrayList<>();
        volatile boolean closed;
        volatile long flushedRecords;

        MemorySink(InstantSource wall) {
            this.wall = wall;
        }

        @Override
        public synchronized void send(SpecificRecord record) {
            sent.add(new Sent(record, IngestRecords.eventTime(record), wall.instant()));
        }

        @Override
        public synchronized void flush() {
            flushedRecords = sent.size();
        }

        @Override
        public synchronized void close() {
            flush();
            closed = true;
        }

        synchronized List<Sent> sent() {
            return List.copyOf(sent);
        }

        synchronized List<SpecificRecord> records() {
            return sent.stream().map(Sent::record).toList();
        }
    }

    /**
     * A wall clock moved only by the runner's sleeps. At the horizon the sleeper parks the runner (so the
     * test can look at a still picture) until {@link #release()}; from then on sleeps return at once.
     */
    private static final class FakeWall implements InstantSource, Sleeper {
        private final AtomicReference<Instant> now;
        private final Instant horizon;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        FakeWall(Instant start, Instant horizon) {
            this.now = new AtomicReference<>(start);
            this.horizon = horizon;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            if (!now.get().plus(duration).isAfter(horizon)) {
                now.updateAndGet(t -> t.plus(duration));
                return;
            }
            reached.countDown();
            released.await(1, TimeUnit.SECONDS);
        }

        void awaitHorizon() {
            await().atMost(Duration.ofSeconds(60)).until(() -> reached.getCount() == 0);
        }

        void release() {
            released.countDown();
        }
    }
}
