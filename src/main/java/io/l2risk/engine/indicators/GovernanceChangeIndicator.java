package io.l2risk.engine.indicators;

import static io.l2risk.engine.indicators.DaSupport.put;

import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.Level;
import io.l2risk.engine.Evaluation;
import io.l2risk.engine.Indicator;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.Params;
import io.l2risk.engine.RollupContext;
import io.l2risk.engine.RollupProfile;
import io.l2risk.engine.StateIO;
import io.l2risk.engine.Text;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * GOVERNANCE_CHANGE — who controls the rollup's L1 contracts changed: proxy upgrades, admin/owner
 * changes, operator (batcher, sequencer, proposer, prover, validator) changes, and events from a
 * watched contract the decoder does not know (anchors.md rows 30 and G8: chain-mon counts
 * {@code Upgraded}/{@code Initialized}; L2BEAT sees upgrades only in its hourly diff; an unknown topic
 * after an upgrade means the decoder may be out of date).
 *
 * <p>An event-type alert per subject ({@code source.contract}, else the event's {@code subject}, else
 * {@code governance}): CONTRACT_UPGRADED and ADMIN_CHANGED are CRITICAL (they can change the bridge's
 * code and keys), OPERATOR_CHANGED and UNKNOWN_EVENT WARNING. It lasts {@code acknowledgeAfter} from
 * the latest change, then reads OK and is dropped after as long again. Further changes to the same
 * subject within that time keep the one alert: its summary and evidence name the latest change and
 * the count, and a CRITICAL kind after a WARNING one escalates it. Value: changes in the episode.
 * At most {@value #MAX_SUBJECTS} subjects (acknowledged ones dropped first, then the oldest).
 *
 * <p>A change older than {@code acknowledgeAfter} when it arrives (a backfill) raises nothing. Summary
 * details come from the event's {@code details}: {@code implementation}/{@code newImplementation},
 * {@code newAdmin}/{@code newOwner}, {@code role}, {@code newOperator}/{@code operator},
 * {@code topic0}; the event's {@code subject} stands in when they are missing.
 *
 * <p>Parameters ({@code thresholds.GOVERNANCE_CHANGE.*}): {@code acknowledgeAfter} (default 24h:
 * a working day for someone to confirm the change was the planned governance action — Arbitrum's
 * Security Council emergency upgrade of 2024-09-25, incidents.md #27, went out without a timelock).
 */
public final class GovernanceChangeIndicator extends Indicator {

    static final int MAX_SUBJECTS = 32;
    /** Detail values kept per change: enough for the summary and evidence, bounded in the state. */
    private static final int MAX_VALUE = 100;
    private static final int MAX_ROLE = 32;

    private final Duration acknowledgeAfter;
    private final TreeMap<String, Episode> episodes = new TreeMap<>();

    public GovernanceChangeIndicator(RollupProfile profile) {
        super(IndicatorKind.GOVERNANCE_CHANGE);
        Params params = profile.params(IndicatorKind.GOVERNANCE_CHANGE);
        this.acknowledgeAfter = params.duration("acknowledgeAfter", Duration.ofHours(24));
    }

    private static boolean governance(BridgeEventKind kind) {
        return kind == BridgeEventKind.CONTRACT_UPGRADED || kind == BridgeEventKind.ADMIN_CHANGED
                || kind == BridgeEventKind.OPERATOR_CHANGED || kind == BridgeEventKind.UNKNOWN_EVENT;
    }

    private static boolean critical(BridgeEventKind kind) {
        return kind == BridgeEventKind.CONTRACT_UPGRADED || kind == BridgeEventKind.ADMIN_CHANGED;
    }

    @Override
    public boolean onEvent(SpecificRecord event, RollupContext ctx) {
        Instant now = ctx.now();
        boolean changed = false;
        if (event instanceof BridgeEvent bridge && governance(bridge.getKind())) {
            Instant at = bridge.getSource().getBlockTime();
            if (now.isBefore(at.plus(acknowledgeAfter))) {
                record(bridge, at, now);
                changed = true;
            }
        }
        return episodes.values().removeIf(e -> !now.isBefore(e.lastAt.plus(acknowledgeAfter).plus(acknowledgeAfter)))
                || changed;
    }

    private void record(BridgeEvent event, Instant at, Instant now) {
        String subject = event.getSource().getContract() != null ? event.getSource().getContract()
                : event.getSubject() != null && !event.getSubject().isBlank() ? event.getSubject() : "governance";
        Episode episode = episodes.get(subject);
        if (episode != null && !now.isBefore(episode.lastAt.plus(acknowledgeAfter))) {
            episodes.remove(subject); // Acknowledged: this change starts a new episode.
            episode = null;
        }
        if (episode == null) {
            evictFor();
            episode = new Episode(subject, at);
            episodes.put(subject, episode);
        }
        episode.count++;
        episode.critical |= critical(event.getKind());
        if (at.isBefore(episode.firstAt)) {
            episode.firstAt = at;
        }
        if (!at.isBefore(episode.lastAt) || episode.count == 1) {
            // The latest change (by L1 time) is the one the summary names.
            episode.lastAt = at;
            episode.kind = event.getKind();
            episode.txHash = event.getSource().getTxHash();
            episode.l1Block = event.getSource().getBlockNumber();
            String role = event.getKind() == BridgeEventKind.OPERATOR_CHANGED ? detail(event, "role") : null;
            episode.role = role != null && role.length() > MAX_ROLE ? role.substring(0, MAX_ROLE) : role;
            episode.newValue = newValue(event);
        }
    }

    private void evictFor() {
        if (episodes.size() < MAX_SUBJECTS) {
            return;
        }
        // Episodes are dropped after 2 × acknowledgeAfter, so "acknowledged first" is "oldest first".
        String evict = episodes.values().stream().min(Comparator.comparing((Episode e) -> e.lastAt))
                .map(e -> e.subject).orElseThrow();
        episodes.remove(evict);
    }

    private static String detail(BridgeEvent event, String... keys) {
        Map<String, String> details = event.getDetails();
        for (String key : keys) {
            String value = details == null ? null : details.get(key);
            if (value != null && !value.isBlank()) {
                return value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value;
            }
        }
        return null;
    }

    private static String newValue(BridgeEvent event) {
        String value = switch (event.getKind()) {
            case CONTRACT_UPGRADED -> detail(event, "implementation", "newImplementation");
            case ADMIN_CHANGED -> detail(event, "newAdmin", "newOwner", "admin", "owner");
            case OPERATOR_CHANGED -> detail(event, "newOperator", "operator", "account", "newValue");
            default -> detail(event, "topic0");
        };
        if (value == null && event.getSubject() != null && !event.getSubject().equals(event.getSource().getContract())) {
            value = event.getSubject().length() > MAX_VALUE ? event.getSubject().substring(0, MAX_VALUE) : event.getSubject();
        }
        return value;
    }

    /** What changed, as a phrase naming the new value: {@code "upgraded to implementation 0x…"}. */
    private static String describe(BridgeEventKind kind, String role, String value) {
        return switch (kind) {
            case CONTRACT_UPGRADED -> "upgraded" + (value == null ? "" : " to implementation " + value);
            case ADMIN_CHANGED -> "admin/owner changed" + (value == null ? "" : " to " + value);
            case OPERATOR_CHANGED -> (role == null ? "operator" : role) + " changed" + (value == null ? "" : " to " + value);
            default -> "emitted an event the decoder does not know" + (value == null ? "" : " (topic0 " + value + ")");
        };
    }

    /** An episode is OK only once acknowledged by age, and stays so: only records change that. */
    @Override
    public long quietUntil(RollupContext ctx) {
        return Long.MAX_VALUE;
    }

    @Override
    public void evaluate(RollupContext ctx, List<Evaluation> out) {
        Instant now = ctx.now();
        for (Episode e : episodes.values()) {
            boolean active = now.isBefore(e.lastAt.plus(acknowledgeAfter));
            Map<String, String> evidence = new TreeMap<>();
            evidence.put("kind", e.kind.name());
            put(evidence, "txHash", e.txHash);
            put(evidence, "l1Block", e.l1Block);
            put(evidence, "newValue", e.newValue);
            put(evidence, "role", e.role);
            evidence.put("changes", Long.toString(e.count));
            evidence.put("firstChangeAt", e.firstAt.toString());
            evidence.put("lastChangeAt", e.lastAt.toString());
            String latest = e.subject + " " + describe(e.kind, e.role, e.newValue) + " " + Text.duration(Duration.between(e.lastAt, now)) + " ago"
                    + (e.txHash == null ? "" : " (tx " + e.txHash + ")")
                    + (e.kind == BridgeEventKind.UNKNOWN_EVENT ? ": the decoder may be out of date" : "");
            String summary = e.count == 1 ? "Governance change: " + latest + "."
                    : e.count + " governance changes to " + e.subject + " within "
                    + Text.duration(Duration.between(e.firstAt, e.lastAt)) + "; latest: " + latest + ".";
            if (!active) {
                summary = summary.substring(0, summary.length() - 1) + "; older than "
                        + Text.duration(acknowledgeAfter) + ", no longer alerting.";
            }
            Level level = !active ? Level.OK : e.critical ? Level.CRITICAL : Level.WARNING;
            out.add(Evaluation.of(kind(), e.subject, level, e.count, 1, summary, evidence, ctx.l1Block()));
        }
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeByte(episodes.size());
        for (Episode e : episodes.values()) {
            HexIO.write(out, e.subject);
            StateIO.writeInstant(out, e.firstAt);
            StateIO.writeInstant(out, e.lastAt);
            out.writeInt(e.count);
            out.writeBoolean(e.critical);
            out.writeByte(e.kind.ordinal());
            HexIO.write(out, e.txHash);
            StateIO.writeNullableLong(out, e.l1Block);
            StateIO.writeNullableString(out, e.role);
            HexIO.write(out, e.newValue);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        episodes.clear();
        int count = in.readUnsignedByte();
        for (int i = 0; i < count; i++) {
            Episode e = new Episode(HexIO.read(in), StateIO.readInstant(in));
            e.lastAt = StateIO.readInstant(in);
            e.count = in.readInt();
            e.critical = in.readBoolean();
            e.kind = BridgeEventKind.values()[in.readUnsignedByte()];
            e.txHash = HexIO.read(in);
            e.l1Block = StateIO.readNullableLong(in);
            e.role = StateIO.readNullableString(in);
            e.newValue = HexIO.read(in);
            episodes.put(e.subject, e);
        }
    }

    private static final class Episode {
        final String subject;
        Instant firstAt;
        Instant lastAt;
        int count;
        boolean critical;
        BridgeEventKind kind;
        String txHash;
        Long l1Block;
        String role;
        String newValue;

        Episode(String subject, Instant firstAt) {
            this.subject = subject;
            this.firstAt = firstAt;
            this.lastAt = firstAt;
        }
    }
}
