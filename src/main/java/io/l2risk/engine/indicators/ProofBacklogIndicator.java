package io.l2risk.engine.indicators;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.Level;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.Source;
import io.l2risk.engine.Evaluation;
import io.l2risk.engine.Indicator;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupContext;
import io.l2risk.engine.RollupProfile;
import io.l2risk.engine.StateIO;
import io.l2risk.engine.Text;
import io.l2risk.engine.stats.AdaptiveThreshold;
import io.l2risk.engine.stats.ThresholdRule;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * PROOF_BACKLOG — how many posted batches are not yet proven (subject {@code prove}) or not yet
 * finalized (subject {@code finalize}), and the age of the oldest of them; value = that age. Each
 * stage is judged from the first {@code PROOF_VERIFIED} / {@code STATE_FINALIZED} carrying batch
 * indexes, so a stack that reports none is never judged. Absence-based.
 *
 * <p>Batches are known by index from {@code BatchPosted.batchIndex} and from a zk commit's
 * {@code STATE_PROPOSED} range. Proofs and finalizations settle batches in order up to
 * {@code batchIndexEnd}; a {@code STATE_REVERTED} forgets the batches after its {@code batchIndexEnd},
 * proven or not (they will be committed again).
 * Every settled batch adds its commit→prove or commit→finalize latency to a rolling histogram, which
 * gives the learned thresholds and the typical latency in the summary.
 *
 * <p>Rule per stage ({@link ThresholdPolicy}, parameters {@code prove.*} and {@code finalize.*} under
 * {@code thresholds.PROOF_BACKLOG}): learned from the stage's per-batch latencies
 * ({@link ThresholdRule#latency()}: ready after 30 batches over 2 days), never below
 * {@code minWarnAfter} 1h; before that, {@code prove}: 12h / 48h, {@code finalize}:
 * 24h / 72h plus the challenge period when the rollup has one (zk stacks hold execution back by hours,
 * optimistic ones finalize after their challenge window).
 *
 * <p>Bounded: posting times are kept as at most {@value #CHECKPOINTS} checkpoints ({@link IndexTimeline})
 * from the oldest unsettled batch on — beyond that the oldest batch's posting time is interpolated
 * ("posted about 3h ago") — plus one latency histogram per stage.
 */
public final class ProofBacklogIndicator extends Indicator {

    static final int CHECKPOINTS = 64;

    private final IndexTimeline posted = new IndexTimeline(CHECKPOINTS);
    private final Stage prove;
    private final Stage finalize;

    public ProofBacklogIndicator(RollupProfile profile) {
        super(IndicatorKind.PROOF_BACKLOG);
        Duration challenge = profile.challengePeriod() == null ? Duration.ZERO : profile.challengePeriod();
        this.prove = new Stage("prove", "proven", "commit→prove latency",
                ThresholdPolicy.of(profile, IndicatorKind.PROOF_BACKLOG, "prove", ThresholdRule.latency(),
                        Duration.ofHours(12), Duration.ofHours(48), Duration.ofHours(1),
                        ThresholdPolicy.ProtocolBound.none()));
        this.finalize = new Stage("finalize", "finalized", "commit→finalize latency",
                ThresholdPolicy.of(profile, IndicatorKind.PROOF_BACKLOG, "finalize", ThresholdRule.latency(),
                        Duration.ofHours(24).plus(challenge), Duration.ofHours(72).plus(challenge), Duration.ofHours(1),
                        ThresholdPolicy.ProtocolBound.none()));
    }

    @Override
    public int consumes() {
        return BATCHES | PROOFS;
    }

    @Override
    public boolean onEvent(SpecificRecord event, RollupContext ctx) {
        if (event instanceof BatchPosted batch && batch.getBatchIndex() != null) {
            posted.add(batch.getBatchIndex(), batch.getSource().getBlockTime().toEpochMilli(), blockTag(batch.getSource()));
            return true;
        } else if (event instanceof ProofEvent proof && proof.getBatchIndexEnd() != null) {
            long end = proof.getBatchIndexEnd();
            Instant time = proof.getSource().getBlockTime();
            switch (proof.getKind()) {
                case STATE_PROPOSED -> {
                    long tag = blockTag(proof.getSource());
                    if (proof.getBatchIndexStart() != null) {
                        posted.add(proof.getBatchIndexStart(), time.toEpochMilli(), tag);
                    }
                    posted.add(end, time.toEpochMilli(), tag);
                }
                case PROOF_VERIFIED -> settle(prove, end, time);
                case STATE_FINALIZED -> settle(finalize, end, time);
                case STATE_REVERTED -> {
                    posted.revertAfter(end);
                    prove.next = Math.min(prove.next, end + 1);
                    finalize.next = Math.min(finalize.next, end + 1);
                }
                default -> {
                }
            }
            return true;
        }
        return false;
    }

    private void settle(Stage stage, long end, Instant time) {
        if (stage.active && end < stage.next) {
            return;
        }
        long from = stage.active ? stage.next : Long.MIN_VALUE;
        posted.forEachBetween(from, end + 1, entry -> {
            long latencyMillis = time.toEpochMilli() - entry.timeMillis();
            if (latencyMillis >= 0) {
                stage.policy.learn(stage.latencies, time, latencyMillis / 1000.0);
            }
        });
        stage.active = true;
        stage.next = end + 1;
        stage.settledAt = time;
        posted.noteIndex(end);
        // The timeline is needed from the oldest batch that some active stage has not settled.
        long keepFrom = prove.active && finalize.active ? Math.min(prove.next, finalize.next) : stage.next;
        posted.settleBelow(keepFrom);
    }

    /**
     * Each stage stands until its thresholds may change or its oldest pending batch's age exceeds the
     * warning threshold. Not while two stages are reported and one of them ages: which of them is the
     * worst could change, and with it the snapshot.
     */
    @Override
    public long quietUntil(RollupContext ctx) {
        long until = Long.MAX_VALUE;
        int reported = 0;
        int aging = 0;
        for (Stage stage : List.of(prove, finalize)) {
            if (stage.active) {
                reported++;
                until = Math.min(until, stage.policy.okUntilMillis(stage.latencies, stage.evaluated, stage.evaluatedOldest));
                if (stage.evaluatedOldest != null) {
                    aging++;
                }
            }
        }
        return aging > 0 && reported > 1 ? Long.MIN_VALUE : until;
    }

    @Override
    public boolean valuesFollowClock() {
        return prove.active && prove.evaluatedOldest != null || finalize.active && finalize.evaluatedOldest != null;
    }

    @Override
    public void evaluate(RollupContext ctx, List<Evaluation> out) {
        for (Stage stage : List.of(prove, finalize)) {
            if (stage.active) {
                out.add(stage.evaluate(ctx));
            }
        }
    }

    @Override
    public boolean absenceBased() {
        return true;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        posted.write(out);
        prove.write(out);
        finalize.write(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        posted.read(in);
        prove.read(in);
        finalize.read(in);
    }

    private static long blockTag(Source source) {
        return source.getBlockNumber() == null ? IndexTimeline.NO_TAG : source.getBlockNumber();
    }

    /** One settlement stage: its progress and its latency history. */
    private final class Stage {
        final String subject;
        final String participle;
        final String latencyName;
        final ThresholdPolicy policy;
        AdaptiveThreshold latencies;
        boolean active;
        long next;
        Instant settledAt;
        /** The last evaluation's thresholds and oldest pending batch's time (or {@code null}). Not persisted. */
        Limits evaluated;
        Long evaluatedOldest;

        Stage(String subject, String participle, String latencyName, ThresholdPolicy policy) {
            this.subject = subject;
            this.participle = participle;
            this.latencyName = latencyName;
            this.policy = policy;
            this.latencies = policy.newBaseline();
        }

        Evaluation evaluate(RollupContext ctx) {
            Instant now = ctx.now();
            long highest = posted.highest();
            long pending = highest == Long.MIN_VALUE || highest < next ? 0 : highest - next + 1;
            IndexTimeline.Estimate oldest = pending > 0 ? posted.estimate(next) : null;
            long age = oldest == null ? 0 : Math.max(0, (now.toEpochMilli() - oldest.timeMillis()) / 1000);
            Limits thresholds = policy.apply(latencies, now, latencyName);
            evaluated = thresholds;
            evaluatedOldest = oldest == null ? null : oldest.timeMillis();
            Level level = thresholds.level(age);
            return Evaluation.lazy(IndicatorKind.PROOF_BACKLOG, subject, level, age, thresholds.threshold(level),
                    ctx.l1Block(), () -> words(pending, oldest, age, level, thresholds));
        }

        private Evaluation.Words words(long pending, IndexTimeline.Estimate oldest, long age, Level level,
                                       Limits thresholds) {
            String summary;
            if (pending == 0) {
                summary = "Every posted batch is " + participle + " (through batch " + (next - 1) + "; "
                        + thresholds.describe(level) + ").";
            } else if (oldest == null) {
                summary = pending + " posted batches are not yet " + participle + " from batch " + next
                        + " on (posting time unknown; " + thresholds.describe(level) + ").";
            } else {
                String ageText = (oldest.exact() ? "" : "about ") + Text.duration(Duration.ofSeconds(age));
                summary = "Batch " + next + ", posted " + ageText + " ago, is the oldest not yet " + participle + "; "
                        + pending + (pending == 1 ? " batch" : " batches") + " waiting ("
                        + thresholds.describe(level) + ").";
            }
            return new Evaluation.Words(summary, () -> evidence(pending, oldest, thresholds));
        }

        private Map<String, String> evidence(long pending, IndexTimeline.Estimate oldest, Limits thresholds) {
            Map<String, String> evidence = thresholds.evidence();
            evidence.put("pendingBatches", Long.toString(pending));
            evidence.put(participle + "ThroughBatchIndex", Long.toString(next - 1));
            evidence.put("last" + Character.toUpperCase(subject.charAt(0)) + subject.substring(1) + "At",
                    settledAt.toString());
            if (pending > 0 && oldest != null) {
                evidence.put("oldestPendingBatchIndex", Long.toString(next));
                evidence.put("oldestPendingPostedAt", Instant.ofEpochMilli(oldest.timeMillis()).toString());
                if (oldest.exact() && oldest.tag() != IndexTimeline.NO_TAG) {
                    evidence.put("oldestPendingPostedBlock", Long.toString(oldest.tag()));
                }
            }
            return evidence;
        }

        void write(DataOutput out) throws IOException {
            out.writeBoolean(active);
            out.writeLong(next);
            StateIO.writeInstant(out, settledAt);
            latencies.writeTo(out);
        }

        void read(DataInput in) throws IOException {
            active = in.readBoolean();
            next = in.readLong();
            settledAt = StateIO.readInstant(in);
            latencies = policy.readBaseline(in);
        }
    }
}
