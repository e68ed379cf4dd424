package io.l2risk.embedded.sim;

import io.l2risk.registry.RollupConfig;
import io.l2risk.registry.Stack;
import java.util.EnumSet;
import java.util.Set;

/** The incidents the simulator can script, and which rollups can have them. */
public enum IncidentKind {
    /** Batcher and proposer stop, then post a catch-up burst (incidents.md #5). Any rollup. */
    SEQUENCER_STALL("sequencer stall", EnumSet.allOf(Stack.class), false),
    /** DAC certificates signed by fewer members: first at the margin, then below the threshold. AnyTrust only. */
    DAC_QUORUM_LOSS("DAC quorum loss", EnumSet.of(Stack.ARBITRUM_NITRO), true),
    /** An AnyTrust chain posts its batches as raw calldata instead of DAC certificates. AnyTrust only. */
    DAC_FALLBACK("AnyTrust calldata fallback", EnumSet.of(Stack.ARBITRUM_NITRO), true),
    /** Committed batches reverted on L1, then committed again. Stacks with batch indexes. */
    STATE_REVERT("state revert", EnumSet.of(Stack.SCROLL, Stack.ZKSYNC_ERA, Stack.POLYGON_ZKEVM), false),
    /** An invalid state proposal is challenged and the challenger wins. Optimistic stacks. */
    DISPUTE_LOST("dispute lost by the defender", EnumSet.of(Stack.OP_STACK, Stack.ARBITRUM_NITRO), false),
    /** A crowd of withdrawals finalized on L1 within minutes, then the bridge is paused. Any rollup. */
    BRIDGE_DRAIN("bridge drain", EnumSet.allOf(Stack.class), false),
    /** A proxy of the rollup's main L1 contract gets a new implementation. Any rollup. */
    PROXY_UPGRADE("proxy upgrade", EnumSet.allOf(Stack.class), false),
    /** Batches keep coming but the L1→L2 queue is not read. Stacks whose batches report the queue position. */
    L1_QUEUE_STUCK("stuck L1→L2 queue", EnumSet.of(Stack.ARBITRUM_NITRO, Stack.ZKSYNC_ERA, Stack.SCROLL), false);

    private final String title;
    private final Set<Stack> stacks;
    private final boolean needsCommittee;

    IncidentKind(String title, Set<Stack> stacks, boolean needsCommittee) {
        this.title = title;
        this.stacks = stacks;
        this.needsCommittee = needsCommittee;
    }

    /** Human name, e.g. "sequencer stall". */
    public String title() {
        return title;
    }

    /** Whether the simulator can script this incident on {@code rollup}. */
    public boolean appliesTo(RollupConfig rollup) {
        return stacks.contains(rollup.stack()) && (!needsCommittee || rollup.anyTrust());
    }
}
