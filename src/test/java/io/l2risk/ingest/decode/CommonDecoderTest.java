package io.l2risk.ingest.decode;

import static io.l2risk.ingest.decode.DecoderFixture.TX;
import static io.l2risk.ingest.decode.DecoderFixture.addressTopic;
import static io.l2risk.ingest.decode.DecoderFixture.source;
import static io.l2risk.ingest.decode.DecoderFixture.word;
import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.ingest.EventCatalog;
import io.l2risk.ingest.EventCatalog.Common;
import io.l2risk.ingest.L1Log;
import io.l2risk.registry.DaKind;
import io.l2risk.registry.RollupConfig;
import io.l2risk.registry.Stack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;

/** Common events decoded from a registry contract of a validity rollup (find falls back to the watched role). */
class CommonDecoderTest {

    private static final String CHAIN = "0xa13baf47339d63b743e7da8741db5456dac1e556";
    private static final String ROLE = "scrollChain";
    private static final RollupConfig SCROLL = DecoderFixture.rollup("scroll", Stack.SCROLL, DaKind.ETHEREUM, ROLE,
            CHAIN);
    private static final String A = "0x00000000000000000000000000000000000000a1";
    private static final String B = "0x00000000000000000000000000000000000000b2";

    private final DecoderFixture fx = new DecoderFixture(SCROLL);

    @Test
    void shouldReportAnUpgradeOfTheProxyWithItsNewImplementation() {
        L1Log log = fx.log(TX, ROLE, Common.UPGRADED, List.of(addressTopic(A)), List.of());

        assertThat(fx.decode(log, ROLE)).containsExactly(BridgeEvent.newBuilder().setRollupId("scroll")
                .setSource(source(log)).setKind(BridgeEventKind.CONTRACT_UPGRADED).setSubject(CHAIN)
                .setDetails(Map.of("contractRole", ROLE, "implementation", A)).build());
    }

    @Test
    void shouldReportABeaconUpgradeOfTheProxyWithItsBeacon() {
        L1Log log = fx.log(TX, ROLE, Common.BEACON_UPGRADED, List.of(addressTopic(A)), List.of());

        assertThat(fx.decode(log, ROLE)).containsExactly(BridgeEvent.newBuilder().setRollupId("scroll")
                .setSource(source(log)).setKind(BridgeEventKind.CONTRACT_UPGRADED).setSubject(CHAIN)
                .setDetails(Map.of("contractRole", ROLE, "beacon", A)).build());
    }

    @Test
    void shouldReportTheNewAdminWhenTheProxyAdminChanges() {
        L1Log log = fx.log(TX, ROLE, Common.ADMIN_CHANGED, List.of(), List.of(new Address(A), new Address(B)));

        assertThat(fx.decode(log, ROLE)).containsExactly(BridgeEvent.newBuilder().setRollupId("scroll")
                .setSource(source(log)).setKind(BridgeEventKind.ADMIN_CHANGED).setSubject(B)
                .setDetails(Map.of("contractRole", ROLE, "newAdmin", B, "previousAdmin", A)).build());
    }

    @Test
    void shouldReportTheNewOwnerWhenOwnershipIsTransferred() {
        L1Log log = fx.log(TX, ROLE, Common.OWNERSHIP_TRANSFERRED, List.of(addressTopic(A), addressTopic(B)), List.of());

        assertThat(fx.decode(log, ROLE)).containsExactly(BridgeEvent.newBuilder().setRollupId("scroll")
                .setSource(source(log)).setKind(BridgeEventKind.ADMIN_CHANGED).setSubject(B)
                .setDetails(Map.of("contractRole", ROLE, "newOwner", B, "previousOwner", A)).build());
    }

    @Test
    void shouldPauseAndUnpauseTheEmittingContract() {
        L1Log paused = fx.log(TX, ROLE, Common.PAUSED, List.of(), List.of(new Address(A)));
        L1Log unpaused = fx.log(TX, ROLE, Common.UNPAUSED, List.of(), List.of(new Address(A)));

        assertThat(fx.decode(paused, ROLE)).containsExactly(BridgeEvent.newBuilder().setRollupId("scroll")
                .setSource(source(paused)).setKind(BridgeEventKind.PAUSED).setSubject(CHAIN)
                .setDetails(Map.of("contractRole", ROLE, "account", A)).build());
        assertThat(fx.decode(unpaused, ROLE)).containsExactly(BridgeEvent.newBuilder().setRollupId("scroll")
                .setSource(source(unpaused)).setKind(BridgeEventKind.UNPAUSED).setSubject(CHAIN)
                .setDetails(Map.of("contractRole", ROLE, "account", A)).build());
    }

    @Test
    void shouldAddNothingForInitializationOrTheSequencerUptimeFeed() {
        L1Log v4 = fx.log(TX, ROLE, Common.INITIALIZED_V4, List.of(), List.of(new Uint8(2)));
        L1Log v5 = fx.log(TX, ROLE, Common.INITIALIZED_V5, List.of(), List.of(new Uint64(3)));
        L1Log answer = fx.logAt(TX, A, Common.ANSWER_UPDATED,
                List.of(word(1), word(9)), List.of(new org.web3j.abi.datatypes.generated.Uint256(1_717_000_000)));
        L1Log ignored = fx.logAt(TX, A, Common.UPDATE_IGNORED, List.of(),
                List.of(new Bool(false), new Uint64(1), new Bool(true), new Uint64(0)));
        L1Log round = fx.logAt(TX, A, Common.ROUND_UPDATED, List.of(),
                List.of(new Int256(1), new Uint64(1_717_000_000)));

        assertThat(fx.decode(v4, ROLE)).isEmpty();
        assertThat(fx.decode(v5, ROLE)).isEmpty();
        assertThat(fx.decode(answer, EventCatalog.SEQUENCER_UPTIME_FEED)).isEmpty();
        assertThat(fx.decode(ignored, EventCatalog.SEQUENCER_UPTIME_FEED)).isEmpty();
        assertThat(fx.decode(round, EventCatalog.SEQUENCER_UPTIME_FEED)).isEmpty();
    }
}
