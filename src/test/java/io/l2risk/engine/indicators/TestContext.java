package io.l2risk.engine.indicators;

import io.l2risk.engine.RollupContext;
import io.l2risk.engine.RollupProfile;
import java.time.Instant;

/** A fixed context for calling an indicator directly: a profile, a clock, no staleness. */
final class TestContext implements RollupContext {

    private final RollupProfile profile;
    Instant now;
    Long block;

    TestContext(RollupProfile profile, Instant now) {
        this.profile = profile;
        this.now = now;
    }

    @Override
    public RollupProfile profile() {
        return profile;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Long l1Block() {
        return block;
    }

    @Override
    public boolean stale() {
        return false;
    }
}
