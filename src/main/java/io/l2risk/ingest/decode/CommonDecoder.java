package io.l2risk.ingest.decode;

import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.ingest.EventCatalog.Common;
import io.l2risk.ingest.EventSignature;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Events any watched contract may emit (OpenZeppelin IERC1967, Ownable, Pausable, Initializable; the
 * Chainlink L2 sequencer uptime feed):
 * <ul>
 *   <li>{@code Upgraded} → {@code CONTRACT_UPGRADED}, subject = the proxy, details implementation;
 *       {@code BeaconUpgraded} alike with details beacon (the beacon holds the implementation);</li>
 *   <li>{@code AdminChanged} / {@code OwnershipTransferred} → {@code ADMIN_CHANGED}, subject = the new
 *       admin or owner, details newAdmin / newOwner and the previous one;</li>
 *   <li>{@code Paused} / {@code Unpaused} → {@code PAUSED} / {@code UNPAUSED}, subject = the contract;</li>
 *   <li>{@code Initialized} → nothing: a proxy is (re)initialized only when it is deployed or upgraded with
 *       {@code upgradeToAndCall}, whose {@code Upgraded} is the governance signal; a reinitializer needs new
 *       code, so it cannot run without an upgrade;</li>
 *   <li>sequencer uptime feed events → nothing: the feed lives on the L2 and repeats the sequencer status
 *       that the L1 validator sends it through the rollup's own bridge, while the engine judges sequencer
 *       liveness from L1 batches (BATCH_LIVENESS); there is no record kind for an oracle's opinion.</li>
 * </ul>
 */
final class CommonDecoder implements StackDecoder {

    @Override
    public List<SpecificRecord> decode(DecodedEvent event, RoutedLog log, DecodeContext context) {
        EventSignature signature = event.event();
        String contract = log.log().address();
        if (signature.equals(Common.UPGRADED) || signature.equals(Common.BEACON_UPGRADED)) {
            boolean beacon = signature.equals(Common.BEACON_UPGRADED);
            BridgeEvent.Builder upgrade = Records.bridge(log, BridgeEventKind.CONTRACT_UPGRADED).setSubject(contract);
            upgrade.getDetails().put(beacon ? "beacon" : "implementation",
                    event.address(beacon ? "beacon" : "implementation"));
            return List.of(upgrade.build());
        }
        if (signature.equals(Common.ADMIN_CHANGED)) {
            return List.of(adminChange(log, event.address("newAdmin"), "newAdmin", "previousAdmin",
                    event.address("previousAdmin")));
        }
        if (signature.equals(Common.OWNERSHIP_TRANSFERRED)) {
            return List.of(adminChange(log, event.address("newOwner"), "newOwner", "previousOwner",
                    event.address("previousOwner")));
        }
        if (signature.equals(Common.PAUSED) || signature.equals(Common.UNPAUSED)) {
            BridgeEvent.Builder pause = Records.bridge(log,
                    signature.equals(Common.PAUSED) ? BridgeEventKind.PAUSED : BridgeEventKind.UNPAUSED)
                    .setSubject(contract);
            pause.getDetails().put("account", event.address("account"));
            return List.of(pause.build());
        }
        if (signature.equals(Common.INITIALIZED_V4) || signature.equals(Common.INITIALIZED_V5)
                || signature.equals(Common.ANSWER_UPDATED) || signature.equals(Common.ROUND_UPDATED)
                || signature.equals(Common.UPDATE_IGNORED)) {
            return List.of();
        }
        throw new AbiDecodingException("no rule for common event " + signature.canonical());
    }

    private static BridgeEvent adminChange(RoutedLog log, String newValue, String newKey, String previousKey,
            String previous) {
        BridgeEvent.Builder change = Records.bridge(log, BridgeEventKind.ADMIN_CHANGED).setSubject(newValue);
        change.getDetails().put(newKey, newValue);
        change.getDetails().put(previousKey, previous);
        return change.build();
    }
}
